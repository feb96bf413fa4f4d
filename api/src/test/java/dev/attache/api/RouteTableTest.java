package dev.attache.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static final Handler.Sync OK = r -> ApiResponse.empty();

    private final RouteTable table = RouteTable.builder()
            .put("/v1/acl/token", Permission.aclWrite(), OK)
            .get("/v1/acl/token/self", Permission.none(), OK)
            .get("/v1/acl/token/", Permission.aclRead(), OK)
            .put("/v1/acl/token/", Permission.aclWrite(), OK)
            .delete("/v1/acl/token/", Permission.aclWrite(), OK)
            .put("/v1/agent/join/", Permission.agentWrite(), OK)
            .build();

    @Test
    void exactPatternBeatsPrefix() {
        RouteTable.Match m = table.match("/v1/acl/token/self");
        assertThat(m.endpoint().pattern()).isEqualTo("/v1/acl/token/self");
        assertThat(m.pathParam()).isEmpty();
    }

    @Test
    void prefixRouteCarriesRemainderAsPathParameter() {
        RouteTable.Match m = table.match("/v1/acl/token/abc-123/clone");
        assertThat(m.endpoint().pattern()).isEqualTo("/v1/acl/token/");
        assertThat(m.pathParam()).isEqualTo("abc-123/clone");
    }

    @Test
    void exactPatternDoesNotMatchLongerPath() {
        assertThat(table.match("/v1/acl/token/self/x").endpoint().pattern()).isEqualTo("/v1/acl/token/");
        assertThat(table.match("/v1/agent/joinx")).isNull();
    }

    @Test
    void allowListsOptionsThenMethodsInRegistrationOrder() {
        assertThat(table.match("/v1/acl/token/x").endpoint().allow()).isEqualTo("OPTIONS,GET,PUT,DELETE");
        assertThat(table.match("/v1/acl/token/self").endpoint().allow()).isEqualTo("OPTIONS,GET");
    }

    @Test
    void subtreeRootWithoutSlashIsRecognised() {
        assertThat(table.isSubtreeRoot("/v1/agent/join")).isTrue();
        assertThat(table.isSubtreeRoot("/v1/agent/self")).isFalse();
    }

    @Test
    void duplicateRouteFailsAtBuild() {
        assertThatThrownBy(() -> RouteTable.builder()
                .get("/v1/agent/self", Permission.none(), OK)
                .get("/v1/agent/self", Permission.none(), OK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("duplicate route: GET /v1/agent/self");
    }

    @Test
    void routesCarryTheirErrorTranslationAndDefaultToNone() {
        ErrorTranslation wrap = e -> new IllegalStateException("wrapped", e);
        RouteTable t = RouteTable.builder()
                .deleteAsync("/v1/acl/token/", Permission.aclWrite(), r -> null, wrap)
                .get("/v1/acl/token/", Permission.aclRead(), OK)
                .build();
        var routes = t.match("/v1/acl/token/x").endpoint().routes();
        RuntimeException cause = new RuntimeException("cause");
        assertThat(routes.get("DELETE").errors().translate(cause)).hasMessage("wrapped").hasCause(cause);
        assertThat(routes.get("GET").errors().translate(cause)).isSameAs(cause);
    }
}
