package dev.attache.api.acl;

import static dev.attache.api.acl.AclTestServer.MGMT_SECRET;
import static dev.attache.api.acl.AclTestServer.NOBODY_ACCESSOR;
import static dev.attache.api.acl.AclTestServer.NOBODY_SECRET;
import static dev.attache.api.acl.AclTestServer.UNKNOWN_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /v1/agent/maintenance} and {@code GET /v1/agent/checks} over a real server with ACLs on
 * (consul-behavior.md §3.6): {@code enable} is checked before the token, node:write after it, checks filtered by
 * node:read.
 */
class MaintenanceEndpointsTest {
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
    void missingOrInvalidEnableIsA400BeforeAnyAclCheck() {
        AclTestServer.Reply missing = server.put("/v1/agent/maintenance", UNKNOWN_SECRET, null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("Missing value for enable");

        AclTestServer.Reply invalid = server.put("/v1/agent/maintenance?enable=yes", NOBODY_SECRET, null);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).isEqualTo("Invalid value for enable: \"yes\"");

        AclTestServer.Reply empty = server.put("/v1/agent/maintenance?enable", null, null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).isEqualTo("Invalid value for enable: \"\"");
        assertThat(server.maintenance.check()).isEmpty();
    }

    @Test
    void enablingNeedsNodeWriteOnTheAgentsNode() {
        AclTestServer.Reply denied = server.put("/v1/agent/maintenance?enable=true", NOBODY_SECRET, null);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).isEqualTo("Permission denied: token with AccessorID '" + NOBODY_ACCESSOR
                + "' lacks permission 'node:write' on \"node-1\"");
        assertThat(server.maintenance.check()).isEmpty();

        AclTestServer.Reply unknown = server.put("/v1/agent/maintenance?enable=true", UNKNOWN_SECRET, null);
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.body()).isEqualTo("ACL not found");

        AclTestServer.Reply ok = server.put("/v1/agent/maintenance?enable=T&reason=disk+swap", MGMT_SECRET, null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEmpty();
        assertThat(server.maintenance.check()).hasValueSatisfying(c -> assertThat(c.notes()).isEqualTo("disk swap"));
    }

    @Test
    void checksShowTheMaintenanceCheckToNodeReadersOnly() {
        assertThat(server.get("/v1/agent/checks", MGMT_SECRET).body()).isEqualTo("{}");
        server.put("/v1/agent/maintenance?enable=1&reason=r", MGMT_SECRET, null);

        AclTestServer.Reply all = server.get("/v1/agent/checks", MGMT_SECRET);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("_node_maintenance").get("Status").asText()).isEqualTo("critical");
        assertThat(all.json().get("_node_maintenance").get("Notes").asText()).isEqualTo("r");
        assertThat(all.header("X-Consul-Results-Filtered-By-ACLs")).isNull();

        AclTestServer.Reply nobody = server.get("/v1/agent/checks", NOBODY_SECRET);
        assertThat(nobody.status()).isEqualTo(200);
        assertThat(nobody.body()).isEqualTo("{}");
        assertThat(nobody.header("X-Consul-Results-Filtered-By-ACLs")).isEqualTo("true");

        AclTestServer.Reply anonymous = server.get("/v1/agent/checks", null);
        assertThat(anonymous.body()).isEqualTo("{}");
        assertThat(anonymous.header("X-Consul-Results-Filtered-By-ACLs")).isNull(); // no token sent

        assertThat(server.put("/v1/agent/maintenance?enable=false", MGMT_SECRET, null).status()).isEqualTo(200);
        assertThat(server.get("/v1/agent/checks", MGMT_SECRET).body()).isEqualTo("{}");
    }

    @Test
    void reloadWithoutASourceIsA500AndOnlyTakesPut() {
        AclTestServer.Reply get = server.get("/v1/agent/reload", null);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("OPTIONS,PUT");

        AclTestServer.Reply denied = server.put("/v1/agent/reload", NOBODY_SECRET, null);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).contains("lacks permission 'agent:write' on \"node-1\"");

        AclTestServer.Reply put = server.put("/v1/agent/reload", MGMT_SECRET, null);
        assertThat(put.status()).isEqualTo(500);
        assertThat(put.body()).isEqualTo("this agent cannot reload its configuration");
    }
}
