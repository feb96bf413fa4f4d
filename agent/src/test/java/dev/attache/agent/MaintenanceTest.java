package dev.attache.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node maintenance over HTTP against real agents (consul-behavior.md §3.6, §9.6): the check in
 * {@code /v1/agent/checks}, Consul's default reason and idempotence, its file in the data directory, and its return
 * after a restart on the same data directory.
 */
class MaintenanceTest {
    private static final String CHECK_FILE =
            "checks/05032f856dc252ee2fd3961a1829cdb46c15d445b174042e579948ffc2de175a";

    @TempDir
    Path data;

    private Agent start() {
        return Agent.builder().config(AgentConfig.dev().nodeName("maint-node").dataDir(data)
                .ports(AgentConfig.Ports.EPHEMERAL).build()).start();
    }

    @Test
    void enableShowsTheCriticalCheckAndKeepsTheFirstReason() {
        try (Agent agent = start()) {
            HttpCalls http = HttpCalls.to(agent);
            assertThat(http.get("/v1/agent/checks").body()).isEqualTo("{}");

            HttpCalls.Reply on = http.put("/v1/agent/maintenance?enable=true&reason=kernel%20upgrade");
            assertThat(on.status()).as(on.body()).isEqualTo(200);
            assertThat(on.body()).isEmpty();
            assertThat(http.put("/v1/agent/maintenance?enable=true&reason=other").status()).isEqualTo(200);

            JsonNode checks = http.get("/v1/agent/checks").json();
            assertThat(checks.size()).isEqualTo(1);
            assertThat(http.get("/v1/agent/self").json().at("/Stats/agent/checks").asText()).isEqualTo("1");
            JsonNode c = checks.get("_node_maintenance");
            assertThat(c.get("Node").asText()).isEqualTo("maint-node");
            assertThat(c.get("CheckID").asText()).isEqualTo("_node_maintenance");
            assertThat(c.get("Name").asText()).isEqualTo("Node Maintenance Mode");
            assertThat(c.get("Status").asText()).isEqualTo("critical");
            assertThat(c.get("Notes").asText()).isEqualTo("kernel upgrade");
            assertThat(c.get("Type").asText()).isEqualTo("maintenance");
            assertThat(c.get("ServiceID").asText()).isEmpty();
            assertThat(c.get("ServiceTags").isArray()).isTrue();
            assertThat(c.get("ServiceTags").size()).isZero();
            assertThat(c.get("Definition").isObject()).isTrue();

            assertThat(http.put("/v1/agent/maintenance?enable=false").status()).isEqualTo(200);
            assertThat(http.put("/v1/agent/maintenance?enable=false").status()).isEqualTo(200);
            assertThat(http.get("/v1/agent/checks").body()).isEqualTo("{}");
            assertThat(http.get("/v1/agent/self").json().at("/Stats/agent/checks").asText()).isEqualTo("0");

            assertThat(http.put("/v1/agent/maintenance?enable=1").status()).isEqualTo(200);
            assertThat(http.get("/v1/agent/checks").json().get("_node_maintenance").get("Notes").asText())
                    .isEqualTo("Maintenance mode is enabled for this node, but no reason was provided. "
                            + "This is a default message.");
        }
    }

    @Test
    void missingOrInvalidEnableIsConsulsBadRequest() {
        try (Agent agent = start()) {
            HttpCalls http = HttpCalls.to(agent);
            HttpCalls.Reply missing = http.put("/v1/agent/maintenance?reason=x");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.body()).isEqualTo("Missing value for enable");
            HttpCalls.Reply invalid = http.put("/v1/agent/maintenance?enable=on");
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.body()).isEqualTo("Invalid value for enable: \"on\"");
            assertThat(http.get("/v1/agent/maintenance").status()).isEqualTo(405);
            assertThat(http.get("/v1/agent/checks").body()).isEqualTo("{}");
        }
    }

    @Test
    void maintenanceIsPersistedAndRestoredAfterARestart() throws IOException {
        try (Agent agent = start()) {
            assertThat(HttpCalls.to(agent).put("/v1/agent/maintenance?enable=true&reason=moving+racks").status())
                    .isEqualTo(200);
        }
        Path file = data.resolve(CHECK_FILE);
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("\"Source\":\"local\"", "\"ChkType\":null",
                "\"Notes\":\"moving racks\"");

        try (Agent again = start()) {
            HttpCalls http = HttpCalls.to(again);
            JsonNode c = http.get("/v1/agent/checks").json().get("_node_maintenance");
            assertThat(c).as("restored check").isNotNull();
            assertThat(c.get("Notes").asText()).isEqualTo("moving racks");
            assertThat(c.get("Status").asText()).isEqualTo("critical");

            assertThat(http.put("/v1/agent/maintenance?enable=false").status()).isEqualTo(200);
            assertThat(file).doesNotExist();
        }
        try (Agent third = start()) {
            assertThat(HttpCalls.to(third).get("/v1/agent/checks").body()).isEqualTo("{}");
        }
    }
}
