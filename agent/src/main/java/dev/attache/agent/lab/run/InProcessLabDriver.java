package dev.attache.agent.lab.run;

import dev.attache.agent.lab.FaultLog;
import dev.attache.agent.lab.LabNode;
import dev.attache.agent.lab.LabState;
import dev.attache.agent.local.LocalCluster;
import dev.attache.cluster.GossipConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An experiment on a {@link LocalCluster}: every agent in this JVM, faults injected at the agents' messaging. Writes
 * the same lab directory as the process lab ({@code lab.json} with mode {@code in-process}, timelines, fault log),
 * so that {@code attache lab report} reads it alike. Packet loss is not available in-process.
 */
final class InProcessLabDriver implements LabDriver {
    static final String MODE = "in-process";
    /** How long {@code up} waits for the cluster to form. */
    static final Duration CONVERGE = Duration.ofMinutes(2);

    private LocalCluster cluster;
    private Path dir;
    private LabState state;
    private final Map<String, String> http = new LinkedHashMap<>();

    @Override
    public void up(Experiment.Cluster c, Path dir, PrintStream progress) {
        this.dir = dir;
        try {
            if (LabState.read(dir).isPresent()) {
                throw new ExperimentException("a lab was already set up in " + dir + "; choose another --dir");
            }
            Files.createDirectories(dir.resolve("timelines"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        long pid = ProcessHandle.current().pid();
        Instant started = Instant.now();
        cluster = LocalCluster.builder().datacenters(c.dcs()).servers(c.servers()).clients(c.clients())
                .gossip(c.gossip().equals("lan") ? GossipConfig.LAN_DEFAULTS : GossipConfig.FAST)
                .dataRoot(dir.resolve("nodes"))
                .configure((name, b) -> b.timelineFile(dir.resolve("timelines").resolve(name + ".jsonl")))
                .start();
        FaultLog.append(dir, FaultLog.Fault.at(started, "up", cluster.names(), null, null));
        cluster.awaitConverged(CONVERGE);
        List<LabNode> nodes = new ArrayList<>();
        for (String name : cluster.names()) {
            var agent = cluster.agent(name);
            String address = agent.httpAddress().substring("http://".length());
            http.put(name, address);
            nodes.add(new LabNode(name, agent.config().datacenter(), agent.config().server() ? LabNode.SERVER
                    : LabNode.CLIENT, pid, address, "127.0.0.1:" + agent.serfLanPort(),
                    agent.config().server() ? "127.0.0.1:" + agent.serfWanPort() : null,
                    agent.dataDir().toString(), null, "timelines/" + name + ".jsonl", null, LabNode.RUNNING));
        }
        state = new LabState(MODE, Instant.now().toString(), c.gossip(), false, nodes);
        state.write(dir);
        progress.println("==> " + nodes.size() + " agents in this JVM: " + String.join(", ", http.keySet()));
    }

    @Override
    public List<Node> nodes() {
        return http.entrySet().stream()
                .map(e -> new Node(e.getKey(), e.getValue(),
                        cluster.isRunning(e.getKey()) && !cluster.isPaused(e.getKey())))
                .toList();
    }

    @Override
    public void kill(String node) {
        known(node);
        cluster.kill(node);
        mark(node, LabNode.KILLED);
        fault("kill", List.of(node), null);
    }

    @Override
    public void pause(String node) {
        known(node);
        cluster.pause(node);
        mark(node, LabNode.PAUSED);
        fault("pause", List.of(node), null);
    }

    @Override
    public void resume(String node) {
        known(node);
        cluster.resume(node);
        mark(node, LabNode.RUNNING);
        fault("resume", List.of(node), null);
    }

    @Override
    public void restart(String node) {
        known(node);
        fault("restart", List.of(node), null);
        var agent = cluster.restart(node);
        http.put(node, agent.httpAddress().substring("http://".length()));
        mark(node, LabNode.RUNNING);
    }

    @Override
    public void partition(List<List<String>> groups) {
        List<Set<String>> sets = new ArrayList<>();
        Set<String> nodes = new LinkedHashSet<>();
        for (List<String> g : groups) {
            g.forEach(this::known);
            sets.add(new LinkedHashSet<>(g));
            nodes.addAll(g);
        }
        cluster.partition(sets);
        fault("partition", List.copyOf(nodes), groups);
    }

    @Override
    public void heal() {
        cluster.heal();
        fault("heal", List.copyOf(http.keySet()), null);
    }

    @Override
    public void loss(String node, int percent) {
        throw new ExperimentException("packet loss is not available in-process: run the experiment on agent "
                + "processes in network namespaces (without --in-process), as root, on a kernel with sch_netem");
    }

    @Override
    public void down() {
        if (cluster == null) {
            return;
        }
        fault("down", List.copyOf(http.keySet()), null);
        cluster.close();
        cluster = null;
        List<LabNode> stopped = state.nodes().stream().map(n -> n.withState(LabNode.STOPPED)).toList();
        state = state.withNodes(stopped);
        state.write(dir);
    }

    private void known(String node) {
        if (!http.containsKey(node)) {
            throw new ExperimentException("no node " + node + " in this lab (nodes: " + String.join(", ",
                    http.keySet()) + ")");
        }
    }

    private void mark(String node, String newState) {
        state = state.with(state.node(node).withState(newState));
        state.write(dir);
    }

    private void fault(String action, List<String> nodes, List<List<String>> groups) {
        FaultLog.append(dir, FaultLog.Fault.at(Instant.now(), action, nodes, groups, null));
    }
}
