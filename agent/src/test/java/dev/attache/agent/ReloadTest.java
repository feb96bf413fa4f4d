package dev.attache.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.attache.agent.config.ConfigLoader;
import dev.attache.api.agent.AgentTokenKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PUT /v1/agent/reload} over HTTP against real agents whose configuration comes from real files, read again by
 * the loader on each reload as the command-line agent does (consul-behavior.md §3.5, §9.5).
 */
class ReloadTest {
    private static final String MANAGEMENT = "4f1c0b7e-5d2a-4c3b-9e8f-7a6b5c4d3e2f";
    private static final String PORTS = "\"ports\": {\"http\": 0, \"serf_lan\": 0, \"serf_wan\": 0, \"server\": 0}";

    @TempDir
    Path dir;

    private Agent start(Path file) {
        List<String> args = List.of("-dev", "-config-file", file.toString());
        return Agent.builder().config(ConfigLoader.load(args).config())
                .configSource(() -> ConfigLoader.load(args).config())
                .start();
    }

    @Test
    void reloadAppliesLogLevelAndNodeMetaFromAJsonFile() throws IOException {
        Path file = dir.resolve("agent.json");
        Files.writeString(file, "{\"node_name\": \"reload-json\", \"log_level\": \"info\", " + PORTS
                + ", \"node_meta\": {\"rack\": \"r1\"}}");
        try (Agent agent = start(file)) {
            HttpCalls http = HttpCalls.to(agent);
            assertThat(http.get("/v1/agent/self").json().get("Meta").get("rack").asText()).isEqualTo("r1");

            Files.writeString(file, "{\"node_name\": \"reload-json\", \"log_level\": \"debug\", " + PORTS
                    + ", \"datacenter\": \"elsewhere\", \"node_meta\": {\"zone\": \"z2\"}}");
            HttpCalls.Reply reload = http.put("/v1/agent/reload");

            assertThat(reload.status()).as(reload.body()).isEqualTo(200);
            assertThat(reload.body()).isEmpty();
            var self = http.get("/v1/agent/self").json();
            assertThat(self.get("Meta").toString()).isEqualTo("{\"zone\":\"z2\"}");
            assertThat(self.get("DebugConfig").get("LogLevel").asText()).isEqualTo("DEBUG");
            assertThat(self.get("DebugConfig").get("NodeMeta").toString()).isEqualTo("{\"zone\":\"z2\"}");
            // not reloadable: ignored with a warning
            assertThat(self.get("Config").get("Datacenter").asText()).isEqualTo("dc1");
            assertThat(agent.config().datacenter()).isEqualTo("dc1");
            assertThat(agent.config().logLevel()).isEqualTo("debug");
        }
    }

    @Test
    void reloadReadsAnHclFileAndAnInvalidOneKeepsTheOldConfiguration() throws IOException {
        Path file = dir.resolve("agent.hcl");
        String ports = "ports { http = 0\n serf_lan = 0\n serf_wan = 0\n server = 0 }\n";
        Files.writeString(file, "node_name = \"reload-hcl\"\n" + ports + "node_meta { rack = \"r1\" }\n");
        try (Agent agent = start(file)) {
            HttpCalls http = HttpCalls.to(agent);
            Files.writeString(file, "node_name = \"reload-hcl\"\n" + ports
                    + "log_level = \"warn\"\nnode_meta { rack = \"r9\"\n owner = \"ops\" }\n");
            assertThat(http.put("/v1/agent/reload").status()).isEqualTo(200);
            var meta = http.get("/v1/agent/self").json().get("Meta");
            assertThat(meta.get("rack").asText()).isEqualTo("r9");
            assertThat(meta.get("owner").asText()).isEqualTo("ops");

            Files.writeString(file, "node_name = \"reload-hcl\"\nnode_meta { rack = \n");
            HttpCalls.Reply broken = http.put("/v1/agent/reload");

            assertThat(broken.status()).isEqualTo(500);
            assertThat(broken.body()).startsWith("Error parsing " + file);
            var after = http.get("/v1/agent/self").json();
            assertThat(after.get("Meta").get("rack").asText()).isEqualTo("r9");
            assertThat(after.get("DebugConfig").get("LogLevel").asText()).isEqualTo("WARN");

            assertThat(agent.config().nodeMeta()).containsEntry("rack", "r9");
        }
    }

    @Test
    void reloadReappliesConfiguredTokensButPersistedOnesStillWin() throws IOException {
        Path file = dir.resolve("acl.json");
        Path data = dir.resolve("data");
        String head = "{\"node_name\": \"reload-acl\", \"data_dir\": \"" + data + "\", " + PORTS
                + ", \"acl\": {\"enabled\": true, \"default_policy\": \"deny\", \"enable_token_persistence\": true, "
                + "\"tokens\": {\"initial_management\": \"" + MANAGEMENT + "\"";
        Files.writeString(file, head + "}}}");
        try (Agent agent = start(file)) {
            HttpCalls anonymous = HttpCalls.to(agent);
            HttpCalls mgmt = anonymous.withToken(MANAGEMENT);
            await("ACL state initialized").atMost(Duration.ofSeconds(60))
                    .until(() -> mgmt.get("/v1/acl/token/self").status() == 200);
            assertThat(anonymous.get("/v1/agent/self").status()).isEqualTo(403);

            // a configured default token is picked up by a reload: requests without a token now act as it
            Files.writeString(file, head + ", \"default\": \"" + MANAGEMENT + "\", \"agent\": \"cfg-agent\"}}}");
            assertThat(mgmt.put("/v1/agent/reload").status()).isEqualTo(200);
            assertThat(anonymous.get("/v1/agent/self").status()).isEqualTo(200);
            assertThat(agent.tokens().get(AgentTokenKind.AGENT)).isEqualTo("cfg-agent");

            // a token set through the API is persisted and wins over the configuration at the next reload
            assertThat(mgmt.put("/v1/agent/token/agent", "{\"Token\":\"api-agent\"}").status()).isEqualTo(200);
            assertThat(mgmt.put("/v1/agent/reload").status()).isEqualTo(200);
            assertThat(agent.tokens().get(AgentTokenKind.AGENT)).isEqualTo("api-agent");

            // dropping the default token from the file takes it away again
            Files.writeString(file, head + "}}}");
            assertThat(mgmt.put("/v1/agent/reload").status()).isEqualTo(200);
            assertThat(anonymous.get("/v1/agent/self").status()).isEqualTo(403);
            assertThat(agent.tokens().get(AgentTokenKind.AGENT)).isEqualTo("api-agent");
        }
    }
}
