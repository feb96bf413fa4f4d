package dev.attache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Agents as separate processes on loopback with free ports, fast gossip, a data directory each. Always
 * stops every process; {@link #dump()} prints each agent's view for failure reports.
 */
final class ProcessCluster implements AutoCloseable {
    /** The documented fast gossip profile (examples/fast-gossip.json): failure detection in about a second. */
    static Path fastGossip() {
        String p = System.getProperty("attache.fastGossip");
        if (p == null || !Files.isRegularFile(Path.of(p))) {
            throw new IllegalStateException("system property attache.fastGossip must name examples/fast-gossip.json");
        }
        return Path.of(p);
    }

    static final Duration START = Duration.ofSeconds(120);

    /** One agent: its process, its name and datacenter, and the arguments it was started with. */
    static final class Node {
        final String name;
        final String dc;
        final List<String> args;
        AgentProcess process;
        String base;
        int lanPort;
        int wanPort;

        Node(String name, String dc, List<String> args) {
            this.name = name;
            this.dc = dc;
            this.args = args;
        }

        Http http() {
            return new Http(base);
        }

        String lanAddress() {
            return "127.0.0.1:" + lanPort;
        }

        String wanAddress() {
            return "127.0.0.1:" + wanPort;
        }
    }

    private final Path dir;
    private final Path config;
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    ProcessCluster(Path dir) {
        this.dir = dir;
        this.config = fastGossip();
    }

    /** Starts agents in parallel and waits until each answers; {@code extra} are flags beyond the common ones. */
    List<Node> start(List<String> names, String dc, List<String> extra) {
        List<Node> started = new ArrayList<>();
        for (String name : names) {
            List<String> args = new ArrayList<>(List.of("agent", "-node=" + name, "-datacenter=" + dc,
                    "-bind=127.0.0.1", "-client=127.0.0.1", "-http-port=0", "-serf-lan-port=0", "-serf-wan-port=0",
                    // a fixed server port, kept across restarts as a real server's is: Raft peers know it
                    "-server-port=" + freePort(), "-data-dir=" + dir.resolve("data-" + name), "-config-file=" + config));
            args.addAll(extra);
            Node n = new Node(name, dc, args);
            nodes.put(name, n);
            launch(n);
            started.add(n);
        }
        CompletableFuture.allOf(started.stream()
                .map(n -> CompletableFuture.runAsync(() -> awaitReady(n)))
                .toArray(CompletableFuture[]::new)).join();
        return started;
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts a stopped agent again with its arguments, its data directory and its gossip ports. */
    void restart(Node n) {
        List<String> args = new ArrayList<>();
        for (String a : n.args) {
            if (a.startsWith("-serf-lan-port=")) {
                args.add("-serf-lan-port=" + n.lanPort);
            } else if (a.startsWith("-serf-wan-port=") && n.wanPort != 0) {
                args.add("-serf-wan-port=" + n.wanPort);
            } else {
                args.add(a);
            }
        }
        n.process.close();
        n.process = AgentProcess.start(dir.resolve("logs-" + n.name), AgentProcess.TEST_JVM, args.toArray(String[]::new));
        awaitReady(n);
    }

    private void launch(Node n) {
        n.process = AgentProcess.start(dir.resolve("logs-" + n.name), AgentProcess.TEST_JVM, n.args.toArray(String[]::new));
    }

    private static void awaitReady(Node n) {
        n.base = n.process.awaitReady(START);
        n.lanPort = n.process.lanPort();
        n.wanPort = n.process.wanPort();
    }

    Node node(String name) {
        return nodes.get(name);
    }

    List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    /** The live agents of a datacenter, {@code except} left out. */
    List<Node> observers(String dc, Node... except) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes.values()) {
            if (n.dc.equals(dc) && n.process.isAlive() && List.of(except).stream().noneMatch(e -> e == n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** {@code name → Status} in one agent's LAN (or WAN) view. */
    static Map<String, Integer> view(Node observer, boolean wan) {
        JsonNode members = observer.http().get("/v1/agent/members" + (wan ? "?wan=1" : "")).json();
        Map<String, Integer> v = new LinkedHashMap<>();
        members.forEach(m -> v.put(m.get("Name").asText(), m.get("Status").asInt()));
        return v;
    }

    /** Waits until every observer sees {@code member} with {@code status} (null: not listed at all). */
    static void awaitStatus(List<Node> observers, String member, Integer status, Duration within) {
        await(member + " → " + status).atMost(within).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(() -> {
                    for (Node o : observers) {
                        assertThat(view(o, false).get(member)).as("%s's view of %s", o.name, member).isEqualTo(status);
                    }
                });
    }

    /** Every agent's view, for failure reports. */
    String dump() {
        StringBuilder sb = new StringBuilder("cluster state:\n");
        for (Node n : nodes.values()) {
            sb.append("  ").append(n.name).append(" (").append(n.dc).append(", ")
                    .append(n.process.isAlive() ? "running" : "exited").append("): ");
            try {
                sb.append(view(n, false));
            } catch (RuntimeException e) {
                sb.append("unreachable");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public void close() {
        nodes.values().parallelStream().forEach(n -> {
            if (n.process != null) {
                if (n.process.isAlive()) {
                    n.process.signal("CONT"); // a frozen agent cannot die otherwise
                }
                n.process.close();
            }
        });
    }
}
