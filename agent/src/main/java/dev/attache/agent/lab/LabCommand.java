package dev.attache.agent.lab;

import dev.attache.agent.lab.net.LabNetwork;
import dev.attache.agent.lab.net.LabNetwork.Placement;
import dev.attache.agent.lab.net.LoopbackNetwork;
import dev.attache.agent.lab.net.NamespaceNetwork;
import java.io.IOException;
import dev.attache.agent.lab.report.ReportCommand;
import dev.attache.agent.lab.run.ExperimentCommand;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code attache lab}: a cluster of agent processes on this machine, and the faults to throw at it. State lives in the
 * lab directory ({@code lab.json}, {@code faults.jsonl}, {@code timelines/}); see README "Lab clusters".
 */
public final class LabCommand {
    static final String USAGE = """
            Usage: attache lab <command> [--dir DIR] [args]

              up --dcs N --servers N --clients N [--gossip fast|lan] [--no-netns]
                                      start a cluster of agent processes and wait until it has formed
              status                  each node's state and how many members it sees alive
              kill NODE               SIGKILL a node
              pause NODE              SIGSTOP a node
              resume NODE             SIGCONT a paused node
              restart NODE            start a node again on its data directory and ports (killing it first)
              partition A,B C,D ...   drop all traffic between the groups (network namespaces only)
              heal                    remove partitions and packet loss
              loss NODE PERCENT       drop PERCENT of the packets a node sends (needs the sch_netem module)
              down [--purge]          stop every agent and remove the network; --purge also removes DIR
              report [--out FILE]     detection latency, convergence and false suspicions from the timelines
              run [--in-process] EXPERIMENT.json
                                      start a cluster, run a scripted experiment on it, take it down, report

            DIR defaults to ./.attache-lab.
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Optional<Path> jar;
    private final Clock clock;
    private Duration lockWait = LabLock.WAIT;

    /**
     * @param jar the attache jar agents run from (the jar this CLI runs from); needed by {@code up} and
     *            {@code restart} only
     */
    public LabCommand(PrintStream out, PrintStream err, Optional<Path> jar, Clock clock) {
        this.out = out;
        this.err = err;
        this.jar = jar;
        this.clock = clock;
    }

    /** How long a command waits for another one on the same lab directory (tests shorten it). */
    LabCommand lockWait(Duration wait) {
        this.lockWait = wait;
        return this;
    }

    /** The command as the CLI runs it: agents start from the jar this class was loaded from. */
    public static LabCommand cli(PrintStream out, PrintStream err) {
        Optional<Path> jar;
        try {
            Path p = Path.of(LabCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            jar = p.toString().endsWith(".jar") && java.nio.file.Files.isRegularFile(p) ? Optional.of(p)
                    : Optional.empty();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            jar = Optional.empty();
        }
        return new LabCommand(out, err, jar, Clock.systemUTC());
    }

    /** Runs {@code attache lab <args>}; returns the exit code (0, 1 for errors, 2 for usage). */
    public int run(List<String> args) {
        if (args.isEmpty() || List.of("-h", "-help", "--help", "help").contains(args.get(0))) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? LabException.USAGE : 0;
        }
        if (args.get(0).equals("report")) {
            return ReportCommand.run(args.subList(1, args.size()), out, err);
        }
        if (args.get(0).equals("run")) {
            return ExperimentCommand.run(args.subList(1, args.size()), this, out, err);
        }
        try {
            LabArgs a = LabArgs.parse(args);
            Path dir = a.dir().toAbsolutePath().normalize();
            if (a.command().equals("status")) {
                status(a.only().positional(0, ""), dir);
                return 0;
            }
            // Every other command changes the lab; on a directory that does not exist they fail without creating it.
            try (LabLock lock = a.command().equals("up") || Files.isDirectory(dir)
                    ? LabLock.acquire(dir, lockWait) : null) {
                switch (a.command()) {
                    case "up" -> up(a, dir);
                    case "kill" -> signal(a.only().positional(1, "NODE"), dir, "kill", "KILL", LabNode.KILLED);
                    case "pause" -> signal(a.only().positional(1, "NODE"), dir, "pause", "STOP", LabNode.PAUSED);
                    case "resume" -> signal(a.only().positional(1, "NODE"), dir, "resume", "CONT", LabNode.RUNNING);
                    case "restart" -> restart(a.only().positional(1, "NODE"), dir);
                    case "partition" -> partition(a.only(), dir);
                    case "heal" -> heal(a.only().positional(0, ""), dir);
                    case "loss" -> loss(a.only().positional(2, "NODE PERCENT"), dir);
                    case "down" -> down(a.only("purge").positional(0, "[--purge]"), dir);
                    default -> throw LabException.usage("Unknown lab command: '" + a.command() + "'");
                }
            }
            return 0;
        } catch (LabException e) {
            err.println("==> " + e.getMessage());
            if (e.exitCode() == LabException.USAGE) {
                err.println();
                err.print(USAGE);
            }
            return e.exitCode();
        } catch (UncheckedIOException e) {
            err.println("==> " + e.getMessage() + ": " + e.getCause().getMessage());
            return LabException.ERROR;
        }
    }

    private void up(LabArgs a, Path dir) {
        LabUp.Spec spec = LabUp.Spec.from(a);
        Optional<LabState> existing = LabState.read(dir);
        if (existing.isPresent() && existing.get().nodes().stream().anyMatch(AgentProcesses::alive)) {
            throw LabException.error("a lab is already up in " + dir + " (stop it with 'attache lab down"
                    + dirFlag(a) + "')");
        }
        Path agentJar = jar.orElseThrow(() -> LabException.error(
                "cannot find attache.jar to start agents from: run the lab command from the jar (./attache lab ...)"));
        LabNetwork net;
        if (spec.noNetns()) {
            net = new LoopbackNetwork("it was started with --no-netns");
        } else {
            Optional<String> why = NamespaceNetwork.unavailable();
            if (why.isPresent()) {
                out.println("==> " + why.get() + ": agents run on 127.0.0.1 without isolation; partition and loss"
                        + " will not work");
                net = new LoopbackNetwork(why.get());
            } else {
                net = new NamespaceNetwork(NamespaceNetwork.labId(dir));
            }
        }
        new LabUp(dir, agentJar, clock, out).up(spec, net);
    }

    private void status(LabArgs a, Path dir) {
        LabState state = LabState.require(dir);
        ClusterProbe probe = new ClusterProbe();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NODE", "DC", "ROLE", "PID", "STATE", "HTTP", "LAN", "WAN"));
        for (LabNode n : state.nodes()) {
            String shown = shownState(n);
            boolean ask = shown.equals(LabNode.RUNNING);
            String lan = ask ? probe.view(n.http(), false).map(v -> v + " alive").orElse("no answer") : "-";
            String wan = ask && n.isServer() ? probe.view(n.http(), true).map(v -> v + " alive").orElse("no answer")
                    : "-";
            rows.add(List.of(n.name(), n.dc(), n.role(), Long.toString(n.pid()), shown, n.http(), lan, wan));
        }
        out.println("==> Lab in " + dir + " (" + (state.netns() ? "network namespaces" : "loopback") + ", "
                + state.gossip() + " gossip, created " + state.created() + ")");
        out.print(LabTable.format(rows));
    }

    /** The state to show: lab.json's, or {@code exited} when a node it calls running or paused has gone. */
    private static String shownState(LabNode n) {
        boolean live = n.state().equals(LabNode.RUNNING) || n.state().equals(LabNode.PAUSED);
        return live && !AgentProcesses.alive(n) ? "exited" : n.state();
    }

    private void signal(LabArgs a, Path dir, String action, String signal, String after) {
        LabState state = LabState.require(dir);
        LabNode n = state.node(a.positional().get(0));
        // a node the lab killed or stopped is not running, whatever its process is doing while it exits
        boolean live = !n.state().equals(LabNode.KILLED) && !n.state().equals(LabNode.STOPPED)
                && AgentProcesses.alive(n);
        switch (action) {
            case "kill" -> require(live, n, "is not running (" + shownState(n) + ")");
            case "pause" -> require(live && n.state().equals(LabNode.RUNNING), n,
                    "is not running (" + shownState(n) + ")");
            default -> require(live && n.state().equals(LabNode.PAUSED), n, "is not paused (" + shownState(n) + ")");
        }
        AgentProcesses.signal(n, signal);
        if (action.equals("kill")) {
            AgentProcesses.awaitExit(List.of(n), Duration.ofSeconds(10));
        }
        state.with(n.withState(after)).write(dir);
        FaultLog.append(dir, FaultLog.Fault.at(clock.instant(), action, List.of(n.name()), null, null));
        out.println("==> " + switch (action) {
            case "kill" -> "killed";
            case "pause" -> "paused";
            default -> "resumed";
        } + " " + n.name() + " (pid " + n.pid() + ")");
    }

    private static void require(boolean ok, LabNode n, String otherwise) {
        if (!ok) {
            throw LabException.error(n.name() + " " + otherwise);
        }
    }

    private void restart(LabArgs a, Path dir) {
        LabState state = LabState.require(dir);
        LabNode n = state.node(a.positional().get(0));
        if (AgentProcesses.alive(n)) {
            AgentProcesses.signal(n, "KILL");
            if (!AgentProcesses.awaitExit(List.of(n), Duration.ofSeconds(10)).isEmpty()) {
                throw LabException.error(n.name() + " (pid " + n.pid() + ") did not exit after SIGKILL");
            }
        }
        jar.orElseThrow(() -> LabException.error("cannot find attache.jar: run the lab command from the jar"));
        long started = System.nanoTime();
        long pid = AgentProcesses.restart(dir.resolve("nodes").resolve(n.name()), Path.of(n.log()));
        LabNode restarted = n.withPid(pid, LabNode.RUNNING);
        state.with(restarted).write(dir);
        FaultLog.append(dir, FaultLog.Fault.at(clock.instant(), "restart", List.of(n.name()), null, null));
        ClusterProbe probe = new ClusterProbe();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!probe.answers(restarted.http())) {
            if (!AgentProcesses.alive(restarted)) {
                throw LabException.error(n.name() + " exited during start: " + LabUp.lastLine(Path.of(n.log()))
                        + " (log: " + n.log() + ")");
            }
            if (System.nanoTime() > deadline) {
                throw LabException.error(n.name() + " does not answer on " + n.http() + " after 60 s (log: "
                        + n.log() + ")");
            }
            try {
                Thread.sleep(200); // polling another process's HTTP API
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw LabException.error("interrupted");
            }
        }
        out.printf("==> restarted %s (pid %d) in %.1f s%n", n.name(), pid, (System.nanoTime() - started) / 1e9);
    }

    private void partition(LabArgs a, Path dir) {
        List<List<String>> groups = a.groups();
        LabState state = LabState.require(dir);
        List<List<Placement>> placed = new ArrayList<>();
        for (List<String> g : groups) {
            placed.add(g.stream().map(name -> placement(state.node(name))).toList());
        }
        network(state, dir).partition(placed);
        List<String> nodes = groups.stream().flatMap(List::stream).toList();
        FaultLog.append(dir, FaultLog.Fault.at(clock.instant(), "partition", nodes, groups, null));
        out.println("==> partitioned " + String.join(" | ", groups.stream().map(g -> String.join(",", g)).toList()));
    }

    private void heal(LabArgs a, Path dir) {
        LabState state = LabState.require(dir);
        network(state, dir).heal(state.nodes().stream().map(LabCommand::placement).toList());
        FaultLog.append(dir, FaultLog.Fault.at(clock.instant(), "heal",
                state.nodes().stream().map(LabNode::name).toList(), null, null));
        out.println("==> healed: no partition and no packet loss");
    }

    private void loss(LabArgs a, Path dir) {
        LabState state = LabState.require(dir);
        LabNode n = state.node(a.positional().get(0));
        double percent = a.percent(a.positional().get(1));
        network(state, dir).loss(placement(n), percent);
        FaultLog.append(dir, FaultLog.Fault.at(clock.instant(), "loss", List.of(n.name()), null, percent));
        out.println("==> " + n.name() + " now drops "
                + java.math.BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString() + "% of the packets it sends");
    }

    private void down(LabArgs a, Path dir) {
        LabState state = LabState.require(dir);
        List<LabNode> live = state.nodes().stream().filter(AgentProcesses::alive).toList();
        // logged before the first agent stops: the others' views of the stopping agents belong to it
        FaultLog.append(dir, FaultLog.Fault.at(clock.instant(), "down",
                state.nodes().stream().map(LabNode::name).toList(), null, null));
        for (LabNode n : live) {
            AgentProcesses.signal(n, "TERM");
            if (n.state().equals(LabNode.PAUSED)) {
                AgentProcesses.signal(n, "CONT"); // the TERM waits for it
            }
        }
        List<LabNode> stubborn = AgentProcesses.awaitExit(live, Duration.ofSeconds(15));
        stubborn.forEach(n -> AgentProcesses.signal(n, "KILL"));
        List<LabNode> left = AgentProcesses.awaitExit(stubborn, Duration.ofSeconds(10));
        network(state, dir).tearDown();
        state.withNodes(state.nodes().stream().map(n -> n.withState(LabNode.STOPPED)).toList()).write(dir);
        if (!left.isEmpty()) {
            throw LabException.error("these agents did not exit: " + String.join(", ",
                    left.stream().map(n -> n.name() + " (pid " + n.pid() + ")").toList()));
        }
        if (a.has("purge")) {
            try {
                LabUp.deleteTree(dir);
            } catch (IOException e) {
                throw LabException.error("cannot remove " + dir + ": " + e.getMessage());
            }
            out.println("==> lab down: " + agents(live.size()) + " stopped, " + dir + " removed");
        } else {
            out.println("==> lab down: " + agents(live.size()) + " stopped; timelines and faults kept in " + dir);
        }
    }

    private static String agents(int n) {
        return n + (n == 1 ? " agent" : " agents");
    }

    private static Placement placement(LabNode n) {
        return new Placement(n.host(), 0, 0, 0, 0, n.netns(), List.of());
    }

    /** The lab's network, from lab.json: its namespaces' names carry the lab's id. */
    static LabNetwork network(LabState state, Path dir) {
        if (!state.netns()) {
            return new LoopbackNetwork("it was started without network namespaces");
        }
        return state.nodes().stream().map(LabNode::netns).filter(ns -> ns != null && ns.startsWith("attache-"))
                .findFirst().map(ns -> new NamespaceNetwork(ns.split("-")[1]))
                .orElseGet(() -> new NamespaceNetwork(NamespaceNetwork.labId(dir)));
    }

    private static String dirFlag(LabArgs a) {
        return a.has("dir") ? " --dir " + a.flag("dir", "") : "";
    }
}
