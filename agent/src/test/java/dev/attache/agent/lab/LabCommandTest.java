package dev.attache.agent.lab;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The lab command's answers that need no agent: errors, exit codes, and a lab whose agents are gone. */
class LabCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        return run(Optional.empty(), args);
    }

    private Run run(Optional<Path> jar, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--dir=" + dir);
        int exit = new LabCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), jar, Clock.systemUTC()).run(all);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A loopback lab of two nodes whose pids are not agents (pid 0 never is). */
    private void deadLab() {
        new LabState("process", "2026-12-04T01:02:03.456Z", "fast", false, List.of(
                new LabNode("dc1-s1", "dc1", "server", 0, "127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3",
                        dir.resolve("d1").toString(), dir.resolve("l1").toString(), "timelines/dc1-s1.jsonl", null,
                        "running"),
                new LabNode("dc1-c1", "dc1", "client", 0, "127.0.0.1:4", "127.0.0.1:5", null,
                        dir.resolve("d2").toString(), dir.resolve("l2").toString(), "timelines/dc1-c1.jsonl", null,
                        "killed"))).write(dir);
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Run r = run("nonsense");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("==> Unknown lab command: 'nonsense'\n").contains("Usage: attache lab");
    }

    @Test
    void reportAndRunGoToTheirCommands() {
        Run report = run("report");
        assertThat(report.exit()).isEqualTo(1);
        assertThat(report.err()).startsWith("Error: no lab in " + dir);
        Run noFile = run("run");
        assertThat(noFile.exit()).isEqualTo(2);
        assertThat(noFile.err()).startsWith("==> expected one experiment file\n").contains("Usage: attache lab run");
        Run missing = run("run", dir.resolve("missing.json").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("==> no experiment file " + dir.resolve("missing.json") + "\n");
    }

    @Test
    void everyCommandButUpNeedsALab() {
        for (String[] args : List.of(new String[] {"status"}, new String[] {"kill", "dc1-c1"},
                new String[] {"heal"}, new String[] {"down"})) {
            Run r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.err()).isEqualTo("==> no lab in " + dir
                    + " (start one with 'attache lab up', or name its directory with --dir)\n");
        }
    }

    @Test
    void statusShowsAgentsThatAreGoneAsExited() {
        deadLab();
        Run r = run("status");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("dc1-s1  dc1  server  0    exited  127.0.0.1:1  -    -")
                .contains("dc1-c1  dc1  client  0    killed  127.0.0.1:4  -    -");
    }

    @Test
    void actionsOnAGoneOrUnknownNodeAreOneLineErrors() {
        deadLab();
        assertThat(run("kill", "dc1-c1")).isEqualTo(new Run(1, "", "==> dc1-c1 is not running (killed)\n"));
        assertThat(run("resume", "dc1-s1")).isEqualTo(new Run(1, "", "==> dc1-s1 is not paused (exited)\n"));
        assertThat(run("pause", "dc9-c1").err())
                .isEqualTo("==> no node dc9-c1 in this lab (nodes: dc1-s1, dc1-c1)\n");
        assertThat(run("kill").exit()).isEqualTo(2);
    }

    @Test
    void partitionAndLossSayTheyNeedNamespacesOnALoopbackLab() throws IOException {
        deadLab();
        Run partition = run("partition", "dc1-s1", "dc1-c1");
        assertThat(partition.exit()).isEqualTo(1);
        assertThat(partition.err()).isEqualTo("==> partition needs root and network namespaces; this lab runs on"
                + " 127.0.0.1 (it was started without network namespaces)\n");
        Run loss = run("loss", "dc1-c1", "10");
        assertThat(loss.exit()).isEqualTo(1);
        assertThat(loss.err()).startsWith("==> packet loss needs root and network namespaces;");
        assertThat(Files.exists(dir.resolve("faults.jsonl"))).as("nothing was done, so no fault").isFalse();
    }

    @Test
    void upWithoutAJarSaysWhereToRunFrom() {
        Run r = run("up", "--no-netns");
        assertThat(r).isEqualTo(new Run(1, "", "==> cannot find attache.jar to start agents from: run the lab"
                + " command from the jar (./attache lab ...)\n"));
    }

    @Test
    void aCommandThatChangesTheLabWaitsForAnotherProcessOnTheSameDirectory() throws Exception {
        deadLab();
        LabCommand lab = new LabCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Optional.empty(),
                Clock.systemUTC()).lockWait(java.time.Duration.ofMillis(300));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LabCommand waiting = new LabCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty(), Clock.systemUTC())
                .lockWait(java.time.Duration.ofMillis(300));

        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LabLockHolder.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8)).readLine()).isEqualTo("locked");

            assertThat(waiting.run(List.of("down", "--dir=" + dir))).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("==> another lab command (pid "
                    + holder.pid() + ") is still running on " + dir + "; run this one when it has finished\n");
            // status only reads: it does not wait.
            assertThat(run("status").exit()).isEqualTo(0);
            assertThat(LabState.require(dir).nodes()).extracting(LabNode::state).containsExactly("running", "killed");
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        // Once the other command is done, the lock is free again.
        assertThat(lab.run(List.of("down", "--dir=" + dir))).isEqualTo(0);
        assertThat(LabState.require(dir).nodes()).extracting(LabNode::state).doesNotContain("running");
    }

    @Test
    void downOfAGoneLabMarksItStoppedAndKeepsTheDirectory() {
        deadLab();
        Run r = run("down");
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(LabState.require(dir).nodes()).allMatch(n -> n.state().equals("stopped"));
        assertThat(dir.resolve("faults.jsonl")).content().contains("\"action\":\"down\"");
        assertThat(run("down", "--purge").exit()).isZero();
        assertThat(dir).doesNotExist();
    }

    @Test
    void aFailedUpSaysWhichAgentDiedAndLeavesNothingRunning() throws IOException {
        Path notAJar = Files.writeString(dir.resolve("broken.jar"), "not a jar");
        boolean netns = NamespaceNetworkProbe.works();

        Run r = netns ? run(Optional.of(notAJar), "up") : run(Optional.of(notAJar), "up", "--no-netns");

        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).startsWith("==> lab up failed: dc1-s1 exited during start: ")
                .contains("(log: " + dir.resolve("logs/dc1-s1.log") + ")").hasLineCount(1);
        LabState state = LabState.require(dir);
        assertThat(state.nodes()).allMatch(n -> n.state().equals("stopped"));
        assertThat(state.nodes()).noneMatch(AgentProcesses::alive);
        if (netns) {
            String id = dev.attache.agent.lab.net.NamespaceNetwork.labId(dir);
            assertThat(new dev.attache.agent.lab.net.NamespaceNetwork(id).isGone()).as("namespaces and bridge").isTrue();
        }
        assertThat(dir.resolve("faults.jsonl")).content().contains("\"action\":\"up\"").contains("\"action\":\"down\"");
    }

    /** Root with a working {@code ip netns}: the failed up then also has a network to remove. */
    static final class NamespaceNetworkProbe {
        static boolean works() {
            return dev.attache.agent.lab.net.NamespaceNetwork.unavailable().isEmpty();
        }
    }
}
