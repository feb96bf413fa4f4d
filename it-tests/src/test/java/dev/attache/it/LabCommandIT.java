package dev.attache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attache lab} run from the jar, as a user runs it, against real agent processes: one server and two clients
 * on loopback (kill, pause, resume, and the messages of partition and loss without namespaces), and one server and
 * one client in network namespaces when this machine allows it (partition, heal, loss, and a clean tear-down).
 */
class LabCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fast gossip declares a dead agent failed in about a second; two loaded cores can make that much slower. */
    private static final Duration DETECT = Duration.ofSeconds(45);

    @TempDir
    Path tmp;

    private Path dir;

    record Run(int exit, String out, String err) {
    }

    @AfterEach
    void down() throws IOException {
        if (dir != null && Files.exists(dir.resolve("lab.json"))) {
            Run r = lab("down");
            if (r.exit() != 0) {
                System.err.println("lab down after the test: " + r);
            }
            for (long pid : pids()) { // whatever down missed must not outlive the test
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void killPauseAndResumeShowInTheOtherAgentsTimelines() throws IOException {
        dir = tmp.resolve("lab");
        Run up = lab("up", "--dcs", "1", "--servers", "1", "--clients", "2", "--no-netns");
        assertThat(up.exit()).as("%s", up).isZero();
        assertThat(up.out()).containsPattern("==> Lab up in \\d+\\.\\d s: 3 agents in 1 datacenter, fast gossip, "
                + "loopback").containsPattern("(?m)^NODE +DC +ROLE +PID +HTTP$")
                .containsPattern("(?m)^dc1-s1 +dc1 +server +\\d+ +127\\.0\\.0\\.1:\\d+$")
                .containsPattern("(?m)^dc1-c2 +dc1 +client +\\d+ +127\\.0\\.0\\.1:\\d+$");
        assertThat(lab("up", "--servers", "1")).isEqualTo(new Run(1, "", "==> a lab is already up in " + dir
                + " (stop it with 'attache lab down --dir " + dir + "')\n"));

        Run status = lab("status");
        assertThat(status.exit()).as("%s", status).isZero();
        assertThat(status.out()).containsPattern("(?m)^dc1-s1 +dc1 +server +\\d+ +running +127\\.0\\.0\\.1:\\d+ +3/3 alive"
                + " +1/1 alive$").containsPattern("(?m)^dc1-c1 +dc1 +client +\\d+ +running .* 3/3 alive +-$");

        Run kill = lab("kill", "dc1-c2");
        assertThat(kill.out()).startsWith("==> killed dc1-c2 (pid ");
        await("dc1-c2 failed in the others' views").atMost(DETECT).untilAsserted(() -> {
            assertThat(changes("dc1-s1", "dc1-c2")).endsWith("failed");
            assertThat(changes("dc1-c1", "dc1-c2")).endsWith("failed");
        });
        assertThat(lab("kill", "dc1-c2")).isEqualTo(new Run(1, "", "==> dc1-c2 is not running (killed)\n"));

        assertThat(lab("pause", "dc1-c1").exit()).isZero();
        await("frozen dc1-c1 failed").atMost(DETECT)
                .untilAsserted(() -> assertThat(changes("dc1-s1", "dc1-c1")).endsWith("failed"));
        assertThat(lab("resume", "dc1-c1").exit()).isZero();
        await("resumed dc1-c1 alive").atMost(DETECT)
                .untilAsserted(() -> assertThat(changes("dc1-s1", "dc1-c1")).endsWith("failed", "alive"));

        Run partition = lab("partition", "dc1-s1", "dc1-c1");
        assertThat(partition).isEqualTo(new Run(1, "", "==> partition needs root and network namespaces; this lab runs"
                + " on 127.0.0.1 (it was started without network namespaces)\n"));
        assertThat(lab("loss", "dc1-c1", "5").err()).startsWith("==> packet loss needs root and network namespaces;");

        List<Long> pids = pids();
        Run down = lab("down");
        assertThat(down.out()).isEqualTo("==> lab down: 2 agents stopped; timelines and faults kept in " + dir + "\n");
        assertThat(pids).noneMatch(LabCommandIT::running);
        assertThat(actions()).containsExactly("up", "kill", "pause", "resume", "down");
    }

    @Test
    void partitionAndHealInNetworkNamespaces() throws IOException {
        assumeTrue(namespacesWork(), "needs root and ip netns");
        dir = tmp.resolve("nslab");
        Run up = lab("up", "--servers", "1", "--clients", "1");
        assertThat(up.exit()).as("%s", up).isZero();
        assertThat(up.out()).contains("network namespaces").containsPattern("(?m)^dc1-c1 +dc1 +client +\\d+ +10\\.");
        String id = JSON.readTree(dir.resolve("lab.json").toFile()).get("nodes").get(0).get("netns").asText()
                .split("-")[1];
        assertThat(ip("netns", "list")).contains("attache-" + id + "-dc1-s1", "attache-" + id + "-dc1-c1");

        Run partition = lab("partition", "dc1-s1", "dc1-c1");
        assertThat(partition).isEqualTo(new Run(0, "==> partitioned dc1-s1 | dc1-c1\n", ""));
        await("each side sees the other failed").atMost(DETECT).untilAsserted(() -> {
            assertThat(changes("dc1-s1", "dc1-c1")).endsWith("failed");
            assertThat(changes("dc1-c1", "dc1-s1")).endsWith("failed");
        });
        Run status = lab("status");
        assertThat(status.out()).containsPattern("(?m)^dc1-s1 .* running .* 1/2 alive");

        assertThat(lab("heal").exit()).isZero();
        await("healed: alive again both ways").atMost(DETECT).untilAsserted(() -> {
            assertThat(changes("dc1-s1", "dc1-c1")).endsWith("failed", "alive");
            assertThat(changes("dc1-c1", "dc1-s1")).endsWith("failed", "alive");
        });

        Run loss = lab("loss", "dc1-c1", "10");
        if (loss.exit() != 0) { // this kernel has no sch_netem: the message must say so
            assertThat(loss.err()).startsWith("==> packet loss needs the sch_netem kernel module");
        }

        List<Long> pids = pids();
        assertThat(lab("down").exit()).isZero();
        assertThat(pids).noneMatch(LabCommandIT::running);
        assertThat(ip("netns", "list")).doesNotContain("attache-" + id + "-");
        assertThat(ip("-o", "link", "show")).doesNotContain(": at" + id);
        JsonNode partitionFault = JSON.readTree(Files.readAllLines(dir.resolve("faults.jsonl")).get(1));
        assertThat(partitionFault.get("action").asText()).isEqualTo("partition");
        assertThat(partitionFault.get("groups").toString()).isEqualTo("[[\"dc1-s1\"],[\"dc1-c1\"]]");
    }

    /** Runs {@code java -jar attache.jar lab <args> --dir <dir>}. */
    @Test
    void anExperimentRunsUnattendedAndEndsWithItsReport() throws IOException {
        dir = tmp.resolve("experiment");
        Path file = Files.writeString(tmp.resolve("kill-a-client.json"), """
                {"name": "kill a client",
                 "cluster": {"servers": 1, "clients": 1},
                 "steps": [{"kill": "dc1-c1"},
                           {"await": {"member": "dc1-c1", "status": "failed", "timeout": "45s"}},
                           {"restart": "dc1-c1"},
                           {"await": {"member": "dc1-c1", "status": "alive", "timeout": "45s"}}]}
                """);
        List<String> args = new ArrayList<>(List.of("run", file.toString()));
        Run run = lab(args.toArray(String[]::new));
        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out()).contains("experiment \"kill a client\": 1 dc(s) × 1 server(s) + 1 client(s)")
                .contains("step 2/4: await dc1-c1 failed").contains("step 4/4: await dc1-c1 alive")
                .contains("==> lab down: 2 agents stopped").contains("experiment done")
                .containsPattern("(?m)^2 +\\S+ +kill dc1-c1 +failed +lan +1/1 ")
                .contains("Wrote " + dir.resolve("report.html"));
        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        JsonNode kill = null;
        for (JsonNode f : report.get("faults")) {
            if (f.get("action").asText().equals("kill")) {
                kill = f;
            }
        }
        assertThat(kill).as("%s", report).isNotNull();
        assertThat(kill.get("convergence_ms").asLong()).isBetween(1L, DETECT.toMillis());
        assertThat(pids()).noneMatch(LabCommandIT::running);
    }

    private Run lab(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", AgentProcess.jar().toString(), "lab"));
        cmd.addAll(List.of(args));
        cmd.add("--dir");
        cmd.add(dir.toString());
        try {
            Path out = Files.createTempFile(tmp, "lab-out", ".txt");
            Path err = Files.createTempFile(tmp, "lab-err", ".txt");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("attache lab " + String.join(" ", args) + " did not finish in 3 minutes");
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The statuses the observer's timeline gave one LAN member, in order, SWIM suspicion left out (a member may or
     * may not be suspected before it is declared failed, and may be suspected for a moment under load).
     */
    private List<String> changes(String observer, String member) throws IOException {
        Path file = dir.resolve("timelines").resolve(observer + ".jsonl");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode e = JSON.readTree(line);
            if (e.get("pool").asText().equals("lan") && e.get("member").asText().equals(member)
                    && !e.get("to").asText().equals("suspect")) {
                out.add(e.get("to").asText());
            }
        }
        return out;
    }

    private List<String> actions() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("faults.jsonl"))) {
            out.add(JSON.readTree(line).get("action").asText());
        }
        return out;
    }

    private List<Long> pids() throws IOException {
        List<Long> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(dir.resolve("lab.json").toFile()).get("nodes")) {
            if (n.get("pid").asLong() > 0) {
                out.add(n.get("pid").asLong());
            }
        }
        return out;
    }

    /** Alive and not a zombie waiting for a reaper. */
    private static boolean running(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean namespacesWork() {
        return ip("netns", "list") != null && "0".equals(exec("id", "-u"));
    }

    private static String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        return exec(cmd.toArray(String[]::new));
    }

    /** A command's output, or null when it failed. */
    private static String exec(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
