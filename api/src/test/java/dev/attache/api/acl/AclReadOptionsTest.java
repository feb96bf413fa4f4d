package dev.attache.api.acl;

import static dev.attache.api.acl.AclTestServer.MGMT_SECRET;
import static dev.attache.api.acl.AclTestServer.NOBODY_ACCESSOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.AclIdentity;
import dev.attache.acl.state.AclState;
import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;
import dev.attache.cluster.AclReplication.Consistency;
import dev.attache.cluster.NoLeaderException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The read options of every ACL read: consistency, blocking parameters, datacenter, and their 400s. */
class AclReadOptionsTest {
    static final List<String> READS = List.of("/v1/acl/token/" + NOBODY_ACCESSOR, "/v1/acl/token/self",
            "/v1/acl/tokens", "/v1/acl/policy/00000000-0000-0000-0000-000000000001",
            "/v1/acl/policy/name/global-management", "/v1/acl/policies");

    private AclTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = AclTestServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private String with(String path, String query) {
        return path + (path.contains("?") ? "&" : "?") + query;
    }

    static Stream<Arguments> consistencyModes() {
        return Stream.of(
                Arguments.of("", Consistency.DEFAULT),
                Arguments.of("leader", Consistency.DEFAULT),
                Arguments.of("stale", Consistency.STALE),
                Arguments.of("stale=false", Consistency.STALE), // a presence flag
                Arguments.of("consistent", Consistency.CONSISTENT),
                Arguments.of("max_stale=5s", Consistency.STALE),
                Arguments.of("max_stale=0s&consistent", Consistency.CONSISTENT));
    }

    @ParameterizedTest(name = "?{0}")
    @MethodSource("consistencyModes")
    void everyReadAsksForTheRequestedConsistency(String query, Consistency expected) {
        for (String path : READS) {
            AclTestServer.Reply r = server.get(with(path, query), MGMT_SECRET);
            assertThat(r.status()).as(path).isEqualTo(200);
            List<Consistency> reads = server.replication.reads();
            assertThat(reads.get(reads.size() - 1)).as(path).isEqualTo(expected);
        }
    }

    @Test
    void maxStaleFallsBackToTheLeaderWhenTheLastContactIsOlder() {
        server.leadership.set("server-1", 10_000);
        assertThat(server.get("/v1/acl/tokens?max_stale=5s", MGMT_SECRET).status()).isEqualTo(200);
        assertThat(server.replication.reads()).last().isEqualTo(Consistency.DEFAULT);
        assertThat(server.get("/v1/acl/tokens?max_stale=1m", MGMT_SECRET).status()).isEqualTo(200);
        assertThat(server.replication.reads()).last().isEqualTo(Consistency.STALE);
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of("stale&consistent", "Cannot specify ?stale with ?consistent, conflicting semantics."),
                Arguments.of("max_stale=1m&consistent",
                        "Cannot specify ?stale with ?consistent, conflicting semantics."),
                Arguments.of("max_stale=soon", "Invalid max_stale value \"soon\""),
                Arguments.of("wait=abc", "Invalid wait time"),
                Arguments.of("wait=10", "Invalid wait time"),
                Arguments.of("index=abc", "Invalid index"),
                Arguments.of("index=-1", "Invalid index"),
                Arguments.of("index=18446744073709551616", "Invalid index"),
                Arguments.of("max_stale=x&wait=y", "Invalid max_stale value \"x\""));
    }

    @ParameterizedTest(name = "?{0}")
    @MethodSource("badOptions")
    void badOptionsAre400OnEveryReadWithoutQueryMeta(String query, String message) {
        for (String path : READS) {
            AclTestServer.Reply r = server.get(with(path, query), MGMT_SECRET);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.body()).as(path).isEqualTo(message);
            assertThat(r.header("X-Consul-Index")).as(path).isNull();
        }
        assertThat(server.replication.reads()).isEmpty();
    }

    @Test
    void validBlockingParametersAreAccepted() {
        long index = server.replication.state().tokensIndex();
        AclTestServer.Reply r = server.get("/v1/acl/tokens?index=" + index + "&wait=1ms", MGMT_SECRET);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Consul-Index")).isEqualTo(String.valueOf(index));
        assertThat(server.get("/v1/acl/tokens?index=18446744073709551615&wait=0", MGMT_SECRET).status())
                .isEqualTo(200);
        assertThat(server.get("/v1/acl/tokens?index=&wait=", MGMT_SECRET).status()).isEqualTo(200);
    }

    @Test
    void anotherDatacenterHasNoPathYet() {
        AclTestServer.Reply other = server.get("/v1/acl/tokens?dc=dc2", MGMT_SECRET);
        assertThat(other.status()).isEqualTo(500);
        assertThat(other.body()).isEqualTo("No path to datacenter");
        assertThat(other.header("X-Consul-Index")).isEqualTo("1");
        assertThat(other.header("X-Consul-Query-Backend")).isEqualTo("blocking-query");
        assertThat(server.get("/v1/acl/tokens?dc=dc1", MGMT_SECRET).status()).isEqualTo(200);
        assertThat(server.get("/v1/acl/tokens?datacenter=dc2&dc=dc1", MGMT_SECRET).status()).isEqualTo(500);
        assertThat(server.get("/v1/acl/tokens?datacenter=dc1&dc=dc2", MGMT_SECRET).status()).isEqualTo(200);
    }

    @Test
    void noLeaderIs500WithTheFailedQueryMeta() {
        server.replication.failReads(new NoLeaderException());
        for (String path : READS) {
            AclTestServer.Reply r = server.get(path, MGMT_SECRET);
            assertThat(r.status()).as(path).isEqualTo(500);
            assertThat(r.body()).isEqualTo("No cluster leader");
            assertThat(r.header("X-Consul-Index")).isEqualTo("1");
            assertThat(r.header("X-Consul-KnownLeader")).isEqualTo("false");
            assertThat(r.header("X-Consul-LastContact")).isEqualTo("0");
            assertThat(r.header("X-Consul-Query-Backend")).isEqualTo("blocking-query");
        }
    }

    @Test
    void theIndexHeaderOfAnUntouchedTableIsOne() throws Exception {
        AclReads reads = new AclReads(new AclEndpointConfig(true, "dc1"), new InMemoryAclReplication(),
                server.leadership);
        ApiRequest req = ApiRequest.of("GET", "/v1/acl/tokens", "", Map.of(), Map.of(), new byte[0],
                AclIdentity.aclsDisabled());
        ApiResponse r = reads.query(req, dev.attache.acl.state.AclTable.TOKENS, state -> List.of()).get(5, TimeUnit.SECONDS);
        assertThat(r.headers()).containsEntry("X-Consul-Index", "1").containsEntry("X-Consul-KnownLeader", "true");
        assertThat(r.body()).isEqualTo(List.of());
    }

    @Test
    void prettyIndentsAclAnswers() {
        AclTestServer.Reply r = server.get("/v1/acl/policy/name/global-management?pretty", MGMT_SECRET);
        assertThat(r.body()).startsWith("{\n    \"ID\": \"00000000-0000-0000-0000-000000000001\",\n").endsWith("}\n");
    }
}
