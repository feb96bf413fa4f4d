package dev.attache.api.acl;

import static dev.attache.api.acl.AclTestServer.MGMT_SECRET;
import static dev.attache.api.acl.AclTestServer.NOBODY_SECRET;
import static dev.attache.api.acl.AclTestServer.UNKNOWN_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent endpoints next to the ACL routes: members stays filtered by node:read, version needs no token. */
class MembersFilteringTest {
    private AclTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = AclTestServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void membersAreFilteredByNodeRead() {
        AclTestServer.Reply all = server.get("/v1/agent/members", MGMT_SECRET);
        assertThat(all.json().findValuesAsText("Name")).containsExactly("visible", "hidden");
        assertThat(all.header("X-Consul-Results-Filtered-By-ACLs")).isNull();

        AclTestServer.Reply anonymous = server.get("/v1/agent/members", null);
        assertThat(anonymous.json().findValuesAsText("Name")).containsExactly("visible");
        assertThat(anonymous.header("X-Consul-Results-Filtered-By-ACLs")).isNull(); // no token sent

        AclTestServer.Reply nobody = server.get("/v1/agent/members", NOBODY_SECRET);
        assertThat(nobody.body()).isEqualTo("[]");
        assertThat(nobody.header("X-Consul-Results-Filtered-By-ACLs")).isEqualTo("true");
    }

    @Test
    void versionDoesNotResolveTheToken() {
        AclTestServer.Reply r = server.get("/v1/agent/version", UNKNOWN_SECRET);
        assertThat(r.status()).isEqualTo(200);
        assertThat(server.lastResolvedSecret.get()).isNull();
        assertThat(server.get("/v1/agent/members", UNKNOWN_SECRET).status()).isEqualTo(403);
    }
}
