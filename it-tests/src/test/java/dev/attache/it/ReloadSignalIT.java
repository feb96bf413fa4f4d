package dev.attache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP on the command-line agent reloads its configuration file, as {@code PUT /v1/agent/reload} does; a broken file
 * is logged and the agent keeps running with what it had. Node maintenance survives a restart of the process on the
 * same data directory.
 */
class ReloadSignalIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static String config(String logLevel, String rack, Path data) {
        return "{\"node_name\": \"hup\", \"log_level\": \"" + logLevel + "\", \"data_dir\": \"" + data + "\", "
                + "\"ports\": {\"http\": 0, \"serf_lan\": 0, \"serf_wan\": 0, \"server\": 0}, "
                + "\"node_meta\": {\"rack\": \"" + rack + "\"}}";
    }

    @Test
    void sighupReloadsTheFileAndABrokenFileKeepsTheOldConfiguration() throws Exception {
        Path file = dir.resolve("agent.json");
        Path data = dir.resolve("data");
        Files.writeString(file, config("info", "r1", data));
        try (AgentProcess p = AgentProcess.start(dir, AgentProcess.TEST_JVM, "agent", "-dev",
                "-config-file=" + file)) {
            Http http = new Http(p.awaitReady(DEADLINE));
            assertThat(http.get("/v1/agent/self").json().get("Meta").get("rack").asText()).isEqualTo("r1");

            Files.writeString(file, config("debug", "r2", data));
            p.signal("HUP");
            await("reloaded node meta").atMost(DEADLINE).untilAsserted(() ->
                    assertThat(http.get("/v1/agent/self").json().get("Meta").get("rack").asText()).isEqualTo("r2"));
            assertThat(p.stdout()).contains("caught signal SIGHUP", "configuration reloaded");
            // the new log level is in force: the per-request lines are DEBUG
            await("debug lines").atMost(DEADLINE).untilAsserted(() -> {
                http.get("/v1/agent/version");
                assertThat(p.stdout()).contains("GET /v1/agent/version -> 200");
            });

            Files.writeString(file, "{\"node_name\": ");
            p.signal("HUP");
            await("failed reload logged").atMost(DEADLINE).untilAsserted(() ->
                    assertThat(p.stdout()).contains("reload failed, the configuration stays as it was"));
            assertThat(p.isAlive()).isTrue();
            assertThat(http.get("/v1/agent/self").json().get("Meta").get("rack").asText()).isEqualTo("r2");
            Http.Reply reload = http.put("/v1/agent/reload", "");
            assertThat(reload.status()).isEqualTo(500);
            assertThat(reload.body()).startsWith("Error parsing " + file);

            Files.writeString(file, config("info", "r2", data));
            assertThat(http.put("/v1/agent/maintenance?enable=true&reason=relocating", "").status()).isEqualTo(200);
            p.signal("INT"); // a dev server stops without leaving
            p.awaitExit(DEADLINE);
        }
        try (AgentProcess again = AgentProcess.start(dir, AgentProcess.TEST_JVM, "agent", "-dev",
                "-config-file=" + file)) {
            Http http = new Http(again.awaitReady(DEADLINE));
            var check = http.get("/v1/agent/checks").json().get("_node_maintenance");
            assertThat(check).as("maintenance restored").isNotNull();
            assertThat(check.get("Notes").asText()).isEqualTo("relocating");
        }
    }
}
