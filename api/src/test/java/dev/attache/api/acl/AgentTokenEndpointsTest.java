package dev.attache.api.acl;

import static dev.attache.api.acl.AclTestServer.MGMT_SECRET;
import static dev.attache.api.acl.AclTestServer.NOBODY_ACCESSOR;
import static dev.attache.api.acl.AclTestServer.NOBODY_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.api.agent.AgentTokenKind;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code PUT /v1/agent/token/<name>} (consul-behavior.md §3.12). */
class AgentTokenEndpointsTest {
    private AclTestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyNameAndLegacyAliasSetsItsToken() throws Exception {
        server = AclTestServer.start();
        Map<String, AgentTokenKind> names = Map.ofEntries(
                Map.entry("default", AgentTokenKind.DEFAULT), Map.entry("acl_token", AgentTokenKind.DEFAULT),
                Map.entry("agent", AgentTokenKind.AGENT), Map.entry("acl_agent_token", AgentTokenKind.AGENT),
                Map.entry("agent_recovery", AgentTokenKind.AGENT_RECOVERY),
                Map.entry("agent_master", AgentTokenKind.AGENT_RECOVERY),
                Map.entry("acl_agent_master_token", AgentTokenKind.AGENT_RECOVERY),
                Map.entry("replication", AgentTokenKind.REPLICATION),
                Map.entry("acl_replication_token", AgentTokenKind.REPLICATION),
                Map.entry("config_file_service_registration", AgentTokenKind.CONFIG_FILE_SERVICE_REGISTRATION),
                Map.entry("dns", AgentTokenKind.DNS), Map.entry("dns_token", AgentTokenKind.DNS));
        names.forEach((name, kind) -> {
            AclTestServer.Reply r = server.put("/v1/agent/token/" + name, MGMT_SECRET, "{\"Token\":\"t-" + name + "\"}");
            assertThat(r.status()).as(name).isEqualTo(200);
            assertThat(r.body()).isEmpty();
            assertThat(server.agentTokens.get(kind)).isEqualTo("t-" + name);
        });
        assertThat(server.put("/v1/agent/token/default", MGMT_SECRET, "{}").status()).isEqualTo(200);
        assertThat(server.agentTokens.get(AgentTokenKind.DEFAULT)).isEmpty();
    }

    @Test
    void badRequestsGetConsulsAnswers() throws Exception {
        server = AclTestServer.start();
        AclTestServer.Reply unknown = server.put("/v1/agent/token/nope", MGMT_SECRET, "{\"Token\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("Token \"nope\" is unknown");
        // the body is decoded before the name is checked
        AclTestServer.Reply empty = server.put("/v1/agent/token/nope", MGMT_SECRET, "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).isEqualTo("Request decode failed: EOF");
        AclTestServer.Reply field = server.put("/v1/agent/token/default", MGMT_SECRET, "{\"Tokn\":\"x\"}");
        assertThat(field.status()).isEqualTo(400);
        assertThat(field.body()).isEqualTo("Request decode failed: json: unknown field \"Tokn\"");
        AclTestServer.Reply denied = server.put("/v1/agent/token/default", NOBODY_SECRET, "{\"Token\":\"x\"}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).isEqualTo("Permission denied: token with AccessorID '" + NOBODY_ACCESSOR
                + "' lacks permission 'agent:write' on \"node-1\"");
        assertThat(server.agentTokens).isEmpty();
    }

    @Test
    void withAclsDisabledItIs401() throws Exception {
        server = AclTestServer.startWithAclsDisabled();
        AclTestServer.Reply r = server.put("/v1/agent/token/default", null, "{\"Token\":\"x\"}");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("ACL support disabled");
    }
}
