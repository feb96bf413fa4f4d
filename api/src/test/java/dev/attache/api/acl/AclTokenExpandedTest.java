package dev.attache.api.acl;

import static dev.attache.api.acl.AclTestServer.MGMT_SECRET;
import static dev.attache.api.acl.AclTestServer.READER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.PolicySpec;
import dev.attache.acl.state.TokenSpec;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/acl/token/<id>?expanded}: the token, then its policies in full, as Consul's server answers. */
class AclTokenExpandedTest {
    static final String POLICY = "3b5e7f90-1a2b-4c3d-8e4f-5a6b7c8d9e0f";
    static final String ACCESSOR = "4c6f8a01-2b3c-4d4e-9f5a-6b7c8d9e0f1a";
    private AclTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = AclTestServer.start();
        server.apply(new AclCommand.PolicyCreate(POLICY, new PolicySpec("web-read", "reads web",
                "service \"web\" { policy = \"read\" }", List.of())));
        server.apply(new AclCommand.TokenCreate(Instant.now(), new TokenSpec(ACCESSOR, true,
                "5d7a9b12-3c4d-4e5f-8a6b-7c8d9e0f1a2b", true, "expanded", List.of(PolicyLink.ofId(POLICY)),
                List.of(), List.of(new ServiceIdentity("api", List.of())), List.of(), false, null, null)));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theTokenComesFirstThenItsExpansion() {
        AclTestServer.Reply r = server.get("/v1/acl/token/" + ACCESSOR + "?expanded", MGMT_SECRET);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.fieldNames()).containsExactly("AccessorID", "SecretID", "Description", "Policies",
                "ServiceIdentities", "Local", "CreateTime", "Hash", "CreateIndex", "ModifyIndex", "ExpandedPolicies",
                "ExpandedRoles", "NamespaceDefaultPolicyIDs", "NamespaceDefaultRoleIDs", "AgentACLDefaultPolicy",
                "AgentACLDownPolicy", "ResolvedByAgent");
        JsonNode json = r.json();
        assertThat(json.get("SecretID").asText()).isEqualTo("5d7a9b12-3c4d-4e5f-8a6b-7c8d9e0f1a2b");
        JsonNode policies = json.get("ExpandedPolicies");
        assertThat(policies).hasSize(2);
        assertThat(policies.get(0).get("ID").asText()).isEqualTo(POLICY);
        assertThat(policies.get(0).get("Rules").asText()).isEqualTo("service \"web\" { policy = \"read\" }");
        JsonNode synthetic = policies.get(1);
        assertThat(synthetic.get("Name").asText()).startsWith("synthetic-policy-");
        assertThat(synthetic.get("Description").asText())
                .isEqualTo("synthetic policy generated from templated policy: builtin/service");
        assertThat(synthetic.get("Rules").asText()).contains("service \"api\"", "service \"api-sidecar-proxy\"");
        assertThat(json.get("ExpandedRoles").isNull()).isTrue();
        assertThat(json.get("NamespaceDefaultPolicyIDs").isNull()).isTrue();
        assertThat(json.get("AgentACLDefaultPolicy").asText()).isEqualTo("allow");
        assertThat(json.get("AgentACLDownPolicy").asText()).isEqualTo("extend-cache");
    }

    @Test
    void withoutTheFlagThereIsNoExpansionAndReadersStillSeeNoSecret() {
        assertThat(server.get("/v1/acl/token/" + ACCESSOR, MGMT_SECRET).fieldNames())
                .doesNotContain("ExpandedPolicies");
        JsonNode asReader = server.get("/v1/acl/token/" + ACCESSOR + "?expanded", READER_SECRET).json();
        assertThat(asReader.get("SecretID").asText()).isEqualTo("<hidden>");
        assertThat(asReader.get("ExpandedPolicies")).hasSize(2);
    }
}
