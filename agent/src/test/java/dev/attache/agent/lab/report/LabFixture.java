package dev.attache.agent.lab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a lab directory in the lab's file formats (lab.json, timelines/*.jsonl, faults.jsonl) with times given as
 * offsets from {@link #T0}, so that a test knows the answers.
 */
final class LabFixture {
    static final long T0 = 1_796_346_120_000L;

    private record Node(String name, String dc, String role) {
        boolean server() {
            return role.equals("server");
        }
    }

    private final String gossip;
    private final List<Node> nodes = new ArrayList<>();
    private final List<String> faults = new ArrayList<>();
    private final Map<String, List<String>> timelines = new LinkedHashMap<>();

    LabFixture(String gossip) {
        this.gossip = gossip;
    }

    LabFixture node(String name, String dc, String role) {
        nodes.add(new Node(name, dc, role));
        timelines.putIfAbsent(name, new ArrayList<>());
        return this;
    }

    LabFixture fault(long offset, String action, String... names) {
        faults.add("{" + time(offset) + ",\"action\":\"" + action + "\",\"nodes\":" + array(List.of(names)) + "}");
        return this;
    }

    LabFixture partition(long offset, List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        faults.add("{" + time(offset) + ",\"action\":\"partition\",\"nodes\":" + array(all) + ",\"groups\":["
                + array(a) + "," + array(b) + "]}");
        return this;
    }

    LabFixture loss(long offset, double percent, String... names) {
        faults.add("{" + time(offset) + ",\"action\":\"loss\",\"nodes\":" + array(List.of(names)) + ",\"percent\":"
                + percent + "}");
        return this;
    }

    /** A record in the observer's timeline: its view of the member went from one status to another. */
    LabFixture saw(long offset, String observer, String pool, String member, String from, String to) {
        String dc = dc(observer);
        timelines.computeIfAbsent(observer, o -> new ArrayList<>()).add("{" + time(offset) + ",\"observer\":\""
                + observer + "\",\"dc\":\"" + dc + "\",\"pool\":\"" + pool + "\",\"member\":\"" + member
                + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");
        return this;
    }

    LabFixture saw(long offset, String observer, String member, String from, String to) {
        return saw(offset, observer, "lan", member, from, to);
    }

    /** Every node sees every other node of its datacenter join (and servers the other servers, on the WAN). */
    LabFixture joined(long offset) {
        for (Node o : nodes) {
            for (Node m : nodes) {
                if (o != m && o.dc.equals(m.dc)) {
                    saw(offset, o.name, "lan", m.name, "none", "alive");
                }
                if (o != m && o.server() && m.server()) {
                    saw(offset, o.name, "wan", m.name + "." + m.dc, "none", "alive");
                }
            }
        }
        return this;
    }

    Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("timelines"));
        String nodeJson = nodes.stream().map(n -> "{\"name\":\"" + n.name + "\",\"dc\":\"" + n.dc + "\",\"role\":\""
                + n.role + "\",\"pid\":1234,\"http\":\"127.0.0.1:8500\",\"lan\":\"127.0.0.1:8301\",\"wan\":"
                + (n.server() ? "\"127.0.0.1:8302\"" : "null") + ",\"data_dir\":\"data/" + n.name
                + "\",\"log\":\"logs/" + n.name + ".log\",\"timeline\":\"timelines/" + n.name
                + ".jsonl\",\"netns\":null,\"state\":\"running\"}").collect(Collectors.joining(","));
        Files.writeString(dir.resolve("lab.json"), "{\"mode\":\"process\",\"created\":\"" + Instant.ofEpochMilli(T0)
                + "\",\"gossip\":\"" + gossip + "\",\"netns\":false,\"nodes\":[" + nodeJson + "]}\n");
        for (var e : timelines.entrySet()) {
            Files.writeString(dir.resolve("timelines").resolve(e.getKey() + ".jsonl"), lines(e.getValue()));
        }
        Files.writeString(dir.resolve("faults.jsonl"), lines(faults));
        return dir;
    }

    private String dc(String node) {
        return nodes.stream().filter(n -> n.name.equals(node)).map(Node::dc).findFirst().orElse("dc1");
    }

    private static String lines(List<String> lines) {
        return lines.stream().map(l -> l + "\n").collect(Collectors.joining());
    }

    private static String time(long offset) {
        long ms = T0 + offset;
        return "\"time\":\"" + Instant.ofEpochMilli(ms) + "\",\"unix_ms\":" + ms;
    }

    private static String array(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
