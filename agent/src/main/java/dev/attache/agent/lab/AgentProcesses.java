package dev.attache.agent.lab;

import dev.attache.agent.lab.net.Command;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Starts lab agents as {@code java -jar attache.jar agent ...} processes in their own session (so that a Ctrl-C in
 * the terminal does not reach them), and signals them by pid. A node's full command line is kept in
 * {@code nodes/<name>/agent.args}, so that {@code restart} starts it again exactly so.
 */
final class AgentProcesses {
    static final String ARGS_FILE = "agent.args";
    /** Small heaps and a quick JIT: many agents share a few cores. */
    static final List<String> JVM = List.of("-Xmx192m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError", "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED");

    private AgentProcesses() {
    }

    /** The whole command line of a node: the network's prefix, then {@code java}, the jar and the agent flags. */
    static List<String> commandLine(List<String> prefix, Path jar, List<String> agentArgs) {
        List<String> argv = new ArrayList<>(prefix);
        argv.add(ProcessHandle.current().info().command().orElse("java"));
        argv.addAll(JVM);
        argv.add("-jar");
        argv.add(jar.toString());
        argv.add("agent");
        argv.addAll(agentArgs);
        return argv;
    }

    /** Saves a node's command line and starts it; returns the pid. */
    static long start(Path nodeDir, List<String> argv, Path log) {
        try {
            Files.createDirectories(nodeDir);
            Files.write(nodeDir.resolve(ARGS_FILE), argv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw LabException.error("cannot write " + nodeDir.resolve(ARGS_FILE) + ": " + e.getMessage());
        }
        return launch(argv, log);
    }

    /** Starts a node again from its saved command line; returns the pid. */
    static long restart(Path nodeDir, Path log) {
        List<String> argv;
        try {
            argv = Files.readAllLines(nodeDir.resolve(ARGS_FILE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw LabException.error("cannot read " + nodeDir.resolve(ARGS_FILE) + ": " + e.getMessage());
        }
        return launch(argv, log);
    }

    private static long launch(List<String> argv, Path log) {
        List<String> cmd = new ArrayList<>();
        cmd.add("setsid"); // exec's in place: the pid stays the agent's
        cmd.addAll(argv);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process p = new ProcessBuilder(cmd)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            return p.pid();
        } catch (IOException e) {
            throw LabException.error("cannot start " + argv.get(0) + ": " + e.getMessage());
        }
    }

    /** The node's process, when it is still alive and is this node's agent (not a reused pid). */
    static Optional<ProcessHandle> process(LabNode node) {
        if (node.pid() <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(node.pid())
                .filter(ProcessHandle::isAlive)
                .filter(h -> !zombie(h.pid()))
                .filter(h -> h.info().arguments().map(a -> Arrays.asList(a).contains("-node=" + node.name()))
                        .orElse(true));
    }

    /** A killed agent whose parent is gone may wait as a zombie for a reaper that never comes: it is dead. */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    static boolean alive(LabNode node) {
        return process(node).isPresent();
    }

    /** Sends a signal ({@code KILL}, {@code STOP}, {@code CONT}, {@code TERM}) to the node's process. */
    static void signal(LabNode node, String signal) {
        Command.Result r = Command.run("kill", "-s", signal, Long.toString(node.pid()));
        if (!r.ok() && signal.equals("KILL") && !alive(node)) {
            return; // it exited on its own meanwhile: what the kill was for
        }
        if (!r.ok()) {
            throw LabException.error("kill -s " + signal + " " + node.pid() + " (" + node.name() + ") failed: "
                    + r.output());
        }
    }

    /** Waits until none of {@code nodes}' processes is alive, or the time is up; returns those still alive. */
    static List<LabNode> awaitExit(List<LabNode> nodes, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<LabNode> alive = new ArrayList<>(nodes);
        while (true) {
            alive.removeIf(n -> !alive(n));
            if (alive.isEmpty() || System.nanoTime() > deadline) {
                return alive;
            }
            try {
                Thread.sleep(100); // polling a pid we are not the parent of: there is no event to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return alive;
            }
        }
    }
}
