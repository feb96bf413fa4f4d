package dev.attache.agent.lab.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.agent.lab.LabCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attache lab run --in-process}: a scripted experiment on real agents in this JVM, from the file to the
 * report: kill, restart, pause and resume of clients, each awaited in every other agent's view.
 */
class InProcessExperimentTest {
    @TempDir
    Path dir;

    @Test
    void runsEveryStepAndReportsTheDetections() throws IOException {
        Path file = Files.writeString(dir.resolve("kill-and-freeze.json"), """
                {"name": "kill and freeze a client",
                 "cluster": {"servers": 1, "clients": 2},
                 "steps": [{"kill": "dc1-c2"},
                           {"await": {"member": "dc1-c2", "status": "failed", "timeout": "30s"}},
                           {"restart": "dc1-c2"},
                           {"await": {"member": "dc1-c2", "status": "alive", "timeout": "30s"}},
                           {"pause": "dc1-c1"},
                           {"await": {"member": "dc1-c1", "status": "failed", "timeout": "30s"}},
                           {"resume": "dc1-c1"},
                           {"await": {"member": "dc1-c1", "status": "alive", "timeout": "30s"}}]}
                """);
        Path lab = dir.resolve("lab");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit = new LabCommand(o, e, Optional.empty(), Clock.systemUTC())
                .run(new ArrayList<>(List.of("run", "--in-process", "--dir", lab.toString(), file.toString())));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).contains("experiment \"kill and freeze a client\": 1 dc(s) × 1 server(s) + 2 client(s)")
                .contains("step 1/8: kill dc1-c2").contains("step 8/8: await dc1-c1 alive")
                .contains("taking the lab down").contains("experiment done");
        assertThat(lab.resolve("report.html")).isRegularFile();

        JsonNode report = new ObjectMapper().readTree(lab.resolve("report.json").toFile());
        assertThat(report.path("overall").path("mode").asText()).isEqualTo("in-process");
        List<String> actions = new ArrayList<>();
        report.path("faults").forEach(f -> actions.add(f.path("action").asText()));
        assertThat(actions).containsSubsequence("kill", "restart", "pause", "resume");
        for (JsonNode f : report.path("faults")) {
            if (f.path("action").asText().equals("kill") || f.path("action").asText().equals("pause")) {
                // both other agents saw it fail, each within the await's 30 s
                assertThat(f.path("missed")).as(f.toString()).isEmpty();
                assertThat(f.path("convergence_ms").asLong()).as(f.toString()).isBetween(1L, 30_000L);
                List<Long> latencies = new ArrayList<>();
                f.path("observations").forEach(obs -> latencies.add(obs.path("latency_ms").asLong()));
                assertThat(latencies).hasSize(2).allMatch(ms -> ms > 0 && ms <= 30_000);
            }
        }
        // every agent wrote its timeline, and the killed client's failure is in the server's
        assertThat(Files.readString(lab.resolve("timelines/dc1-s1.jsonl")))
                .contains("\"member\":\"dc1-c2\"").contains("\"to\":\"failed\"");
    }

    @Test
    void aStepThatFailsStopsTheExperimentTakesTheLabDownAndStillReports() throws IOException {
        Path file = Files.writeString(dir.resolve("impossible.json"), """
                {"cluster": {"servers": 1, "clients": 1},
                 "steps": [{"await": {"member": "dc1-c1", "status": "failed", "timeout": "2s"}},
                           {"kill": "dc1-s1"}]}
                """);
        Path lab = dir.resolve("lab2");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new LabCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty(), Clock.systemUTC())
                .run(new ArrayList<>(List.of("run", "--in-process", "--dir", lab.toString(), file.toString())));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
                "==> step 1 (await dc1-c1 failed (at most 2s)) failed: not every observer saw dc1-c1 failed within");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("taking the lab down").doesNotContain("step 2/2");
        assertThat(lab.resolve("report.json")).isRegularFile();
        assertThat(Files.readString(lab.resolve("lab.json"))).contains("\"state\" : \"stopped\"");
    }
}
