package dev.attache.agent.lab;

import dev.attache.agent.lab.net.LabNetwork;
import dev.attache.agent.lab.net.LabNetwork.Placement;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code lab up}: names the nodes, sets up the network, starts one agent process per node and waits until every agent
 * sees its whole LAN pool alive (and every server the whole WAN pool).
 */
final class LabUp {
    static final int MAX_AGENTS = 100;
    /** The {@code fast} gossip profile: the content of examples/fast-gossip.json. */
    static final String FAST_GOSSIP = """
            {
              "gossip_lan": { "probe_interval": "200ms", "probe_timeout": "200ms", "suspicion_mult": 3, "gossip_interval": "100ms" },
              "gossip_wan": { "probe_interval": "200ms", "probe_timeout": "200ms", "suspicion_mult": 3, "gossip_interval": "100ms" }
            }
            """;

    /** What {@code up} was asked for. */
    record Spec(int dcs, int servers, int clients, String gossip, boolean noNetns) {
        static Spec from(LabArgs a) {
            a.only("dcs", "servers", "clients", "gossip", "no-netns").positional(0,
                    "--dcs N --servers N --clients N [--dir DIR] [--gossip fast|lan] [--no-netns]");
            int dcs = a.count("dcs", 1, 1);
            int servers = a.count("servers", 1, 1);
            int clients = a.count("clients", 0, 0);
            String gossip = a.flag("gossip", "fast");
            if (!gossip.equals("fast") && !gossip.equals("lan")) {
                throw LabException.error("--gossip must be fast or lan, got \"" + gossip + "\"");
            }
            if ((long) dcs * (servers + clients) > MAX_AGENTS) {
                throw LabException.error("a lab holds at most " + MAX_AGENTS + " agents; "
                        + dcs + " × (" + servers + " + " + clients + ") is " + dcs * (servers + clients));
            }
            return new Spec(dcs, servers, clients, gossip, a.has("no-netns"));
        }

        /** The node names, servers then clients in each datacenter. */
        List<String[]> nodes() {
            List<String[]> out = new ArrayList<>();
            for (int d = 1; d <= dcs; d++) {
                String dc = "dc" + d;
                for (int i = 1; i <= servers; i++) {
                    out.add(new String[] {dc + "-s" + i, dc, LabNode.SERVER});
                }
                for (int i = 1; i <= clients; i++) {
                    out.add(new String[] {dc + "-c" + i, dc, LabNode.CLIENT});
                }
            }
            return out;
        }
    }

    private final Path dir;
    private final Path jar;
    private final Clock clock;
    private final PrintStream out;
    private final ClusterProbe probe = new ClusterProbe();

    LabUp(Path dir, Path jar, Clock clock, PrintStream out) {
        this.dir = dir;
        this.jar = jar;
        this.clock = clock;
        this.out = out;
    }

    LabState up(Spec spec, LabNetwork net) {
        long started = System.nanoTime();
        clean();
        List<String[]> names = spec.nodes();
        List<Placement> placed;
        try {
            placed = net.setUp(names.stream().map(n -> n[0]).toList());
        } catch (RuntimeException e) {
            net.tearDown();
            throw e;
        }
        Path gossip = dir.resolve("gossip.json");
        write(gossip, FAST_GOSSIP);
        List<LabNode> nodes = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String[] n = names.get(i);
            Placement p = placed.get(i);
            boolean server = n[2].equals(LabNode.SERVER);
            nodes.add(new LabNode(n[0], n[1], n[2], 0, p.address() + ":" + p.http(), p.address() + ":" + p.serfLan(),
                    server ? p.address() + ":" + p.serfWan() : null,
                    dir.resolve("nodes").resolve(n[0]).resolve("data").toString(),
                    dir.resolve("logs").resolve(n[0] + ".log").toString(), "timelines/" + n[0] + ".jsonl",
                    p.netns(), LabNode.STOPPED));
        }
        LabState state = new LabState(LabState.PROCESS, FaultLog.RFC3339_MILLIS.format(clock.instant()), spec.gossip(),
                net.isolated(), nodes);
        List<LabNode> launched = new ArrayList<>();
        try {
            for (int i = 0; i < nodes.size(); i++) {
                LabNode node = nodes.get(i);
                List<String> argv = AgentProcesses.commandLine(placed.get(i).prefix(), jar,
                        agentArgs(node, placed.get(i), nodes, spec, gossip, dir));
                long pid = AgentProcesses.start(dir.resolve("nodes").resolve(node.name()), argv, Path.of(node.log()));
                launched.add(node.withPid(pid, LabNode.RUNNING));
                state = state.with(launched.get(i));
            }
            state.write(dir);
            FaultLog.append(dir, FaultLog.Fault.at(clock.instant(), "up",
                    nodes.stream().map(LabNode::name).toList(), null, null));
            awaitConverged(state, Duration.ofSeconds(60 + 2L * nodes.size()));
        } catch (RuntimeException e) {
            launched.stream().filter(AgentProcesses::alive).forEach(n -> AgentProcesses.signal(n, "KILL"));
            AgentProcesses.awaitExit(launched, Duration.ofSeconds(10));
            net.tearDown();
            List<LabNode> stopped = state.nodes().stream().map(n -> n.withState(LabNode.STOPPED)).toList();
            state.withNodes(stopped).write(dir);
            if (!launched.isEmpty()) {
                FaultLog.append(dir, FaultLog.Fault.at(clock.instant(), "down",
                        launched.stream().map(LabNode::name).toList(), null, null));
            }
            throw e instanceof LabException le ? le : LabException.error("lab up failed: " + e.getMessage());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("==> Lab up in %.1f s: %d agent%s in %d datacenter%s, %s gossip, %s (dir %s)%n", seconds,
                nodes.size(), nodes.size() == 1 ? "" : "s", spec.dcs(), spec.dcs() == 1 ? "" : "s", spec.gossip(),
                net.isolated() ? "network namespaces" : "loopback", dir);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NODE", "DC", "ROLE", "PID", "HTTP"));
        for (LabNode n : state.nodes()) {
            rows.add(List.of(n.name(), n.dc(), n.role(), Long.toString(n.pid()), n.http()));
        }
        out.print(LabTable.format(rows));
        return state;
    }

    /** The flags of one agent: its place, its role, whom it joins, and where its timeline goes. */
    static List<String> agentArgs(LabNode node, Placement p, List<LabNode> all, Spec spec, Path gossipFile,
                                  Path labDir) {
        List<String> a = new ArrayList<>(List.of("-node=" + node.name(), "-datacenter=" + node.dc(),
                "-data-dir=" + node.dataDir(), "-bind=" + p.address(), "-client=" + p.address(),
                "-http-port=" + p.http(), "-serf-lan-port=" + p.serfLan(), "-serf-wan-port=" + p.serfWan(),
                "-server-port=" + p.server(), "-timeline-file=" + labDir.resolve(node.timeline())));
        if (node.isServer()) {
            a.add("-server");
            a.add("-bootstrap-expect=" + spec.servers());
        }
        for (LabNode other : all) {
            if (other.isServer() && other.dc().equals(node.dc()) && !other.name().equals(node.name())) {
                a.add("-retry-join=" + other.lan());
            }
            if (node.isServer() && other.isServer() && !other.dc().equals(node.dc())) {
                a.add("-retry-join-wan=" + other.wan());
            }
        }
        if (spec.gossip().equals("fast")) {
            a.add("-config-file=" + gossipFile);
        }
        return a;
    }

    /** Waits until every agent sees its datacenter alive, and every server all servers alive in the WAN pool. */
    private void awaitConverged(LabState state, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Set<String> done = new HashSet<>();
        List<LabNode> nodes = state.nodes();
        int servers = (int) nodes.stream().filter(LabNode::isServer).count();
        while (done.size() < nodes.size()) {
            for (LabNode n : nodes) {
                if (done.contains(n.name())) {
                    continue;
                }
                if (!AgentProcesses.alive(n)) {
                    throw LabException.error("lab up failed: " + n.name() + " exited during start: "
                            + lastLine(Path.of(n.log())) + " (log: " + n.log() + ")");
                }
                int dcSize = (int) nodes.stream().filter(o -> o.dc().equals(n.dc())).count();
                boolean lan = probe.view(n.http(), false).map(v -> v.alive() == dcSize).orElse(false);
                boolean wan = !n.isServer() || probe.view(n.http(), true).map(v -> v.alive() == servers).orElse(false);
                if (lan && wan) {
                    done.add(n.name());
                }
            }
            if (done.size() < nodes.size()) {
                if (System.nanoTime() > deadline) {
                    List<String> waiting = nodes.stream().map(LabNode::name).filter(x -> !done.contains(x)).toList();
                    throw LabException.error("lab up failed: after " + within.toSeconds() + " s these agents do not"
                            + " yet see the whole cluster alive: " + String.join(", ", waiting) + " (logs in "
                            + dir.resolve("logs") + ")");
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250); // polling other processes' HTTP APIs: there is no event to wait on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LabException.error("interrupted");
        }
    }

    static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "no log";
        }
    }

    /** Removes what an earlier lab left in the directory, so that timelines and faults are this lab's. */
    private void clean() {
        try {
            Files.createDirectories(dir);
            for (String sub : List.of("nodes", "logs", "timelines")) {
                deleteTree(dir.resolve(sub));
            }
            Files.deleteIfExists(dir.resolve(FaultLog.FILE));
            Files.createDirectories(dir.resolve("timelines"));
            Files.createDirectories(dir.resolve("logs"));
        } catch (IOException e) {
            throw LabException.error("cannot prepare " + dir + ": " + e.getMessage());
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
