package dev.attache.api.acl;

import static dev.attache.api.acl.AclTestServer.MGMT_SECRET;
import static dev.attache.api.acl.AclTestServer.NOBODY_ACCESSOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An agent whose ACLs are off: every ACL endpoint answers 401 first; the agent endpoints still work. */
class AclsDisabledTest {
    private AclTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = AclTestServer.startWithAclsDisabled();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void everyAclEndpointAnswers401BeforeAnyOtherCheck() {
        List<String[]> calls = List.of(
                new String[] {"PUT", "/v1/acl/bootstrap", null},
                new String[] {"PUT", "/v1/acl/token", "not json"},
                new String[] {"GET", "/v1/acl/token/self", null},
                new String[] {"GET", "/v1/acl/token/", null},
                new String[] {"GET", "/v1/acl/token/" + NOBODY_ACCESSOR + "?stale&consistent", null},
                new String[] {"PUT", "/v1/acl/token/" + NOBODY_ACCESSOR, "{}"},
                new String[] {"PUT", "/v1/acl/token/" + NOBODY_ACCESSOR + "/clone", null},
                new String[] {"DELETE", "/v1/acl/token/" + NOBODY_ACCESSOR, null},
                new String[] {"GET", "/v1/acl/tokens?ns=x", null},
                new String[] {"PUT", "/v1/acl/policy", "{\"ID\":\"x\"}"},
                new String[] {"GET", "/v1/acl/policy/x", null},
                new String[] {"PUT", "/v1/acl/policy/x", "{}"},
                new String[] {"DELETE", "/v1/acl/policy/", null},
                new String[] {"GET", "/v1/acl/policy/name/x", null},
                new String[] {"GET", "/v1/acl/policies", null});
        int writesBefore = server.writes.get();
        for (String[] call : calls) {
            AclTestServer.Reply r = server.send(call[0], call[1], MGMT_SECRET, call[2], Map.of());
            assertThat(r.status()).as(call[0] + " " + call[1]).isEqualTo(401);
            assertThat(r.body()).as(call[0] + " " + call[1]).isEqualTo("ACL support disabled");
            assertThat(r.header("X-Consul-Index")).as(call[0] + " " + call[1]).isNull();
            assertThat(r.header("X-Consul-Default-ACL-Policy")).isEqualTo("deny");
        }
        assertThat(server.writes.get()).isEqualTo(writesBefore);
        assertThat(server.replication.reads()).isEmpty();
    }

    @Test
    void theMethodCheckStillComesFirst() {
        AclTestServer.Reply r = server.send("POST", "/v1/acl/token", null, "{}", Map.of());
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("OPTIONS,PUT");
    }

    @Test
    void agentEndpointsAreUnaffected() {
        assertThat(server.get("/v1/agent/version", null).status()).isEqualTo(200);
        AclTestServer.Reply members = server.get("/v1/agent/members", null);
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.json().findValuesAsText("Name")).containsExactly("visible", "hidden");
    }
}
