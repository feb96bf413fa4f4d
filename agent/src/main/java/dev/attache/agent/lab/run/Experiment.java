package dev.attache.agent.lab.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.acl.state.GoFormat;
import dev.attache.api.json.GoDuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A scripted failure experiment: the cluster to start and the steps to run on it, read from a JSON file.
 *
 * <pre>{@code
 * {"name": "kill a client",
 *  "cluster": {"dcs": 1, "servers": 3, "clients": 5, "gossip": "fast"},
 *  "steps": [{"wait": "5s"},
 *            {"kill": "dc1-c3"},
 *            {"await": {"member": "dc1-c3", "status": "failed", "timeout": "30s"}},
 *            {"restart": "dc1-c3"},
 *            {"partition": [["dc1-s1", "dc1-c1"], ["dc1-s2", "dc1-s3"]]}, {"wait": "10s"}, {"heal": true}]}
 * }</pre>
 */
public record Experiment(String name, Cluster cluster, List<Step> steps) {

    /** The cluster an experiment starts: as {@code attache lab up}'s flags. */
    public record Cluster(int dcs, int servers, int clients, String gossip) {
    }

    /** One step of an experiment. */
    public sealed interface Step {
        /** How the step is shown in progress lines. */
        String describe();
    }

    /** Lets the cluster run as it is for a while. */
    public record Wait(Duration duration) implements Step {
        public String describe() {
            return "wait " + GoFormat.duration(duration);
        }
    }

    /** A fault or repair on named nodes: kill, pause, resume, restart. */
    public record NodeAction(String action, String node) implements Step {
        public String describe() {
            return action + " " + node;
        }
    }

    /** Cuts the network between groups of nodes. */
    public record Partition(List<List<String>> groups) implements Step {
        public String describe() {
            return "partition " + String.join(" | ", groups.stream().map(g -> String.join(",", g)).toList());
        }
    }

    /** Removes every partition. */
    public record Heal() implements Step {
        public String describe() {
            return "heal";
        }
    }

    /** Drops a share of a node's packets. */
    public record Loss(String node, int percent) implements Step {
        public String describe() {
            return "loss " + node + " " + percent + "%";
        }
    }

    /**
     * Waits until every observer (by default: every running node but the member itself) lists {@code member} with
     * {@code status}; the experiment fails when {@code timeout} passes first.
     */
    public record Await(String member, String status, Duration timeout, List<String> observers) implements Step {
        public String describe() {
            return "await " + member + " " + status + (observers.isEmpty() ? "" : " in " + String.join(",", observers))
                    + " (at most " + GoFormat.duration(timeout) + ")";
        }
    }

    static final Set<String> NODE_ACTIONS = Set.of("kill", "pause", "resume", "restart");
    static final Set<String> STATUSES = Set.of("alive", "leaving", "left", "failed", "none");
    static final Duration DEFAULT_AWAIT = Duration.ofSeconds(60);

    /** Reads an experiment file; a mistake is an {@link ExperimentException} naming the step and what is wrong. */
    public static Experiment read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ExperimentException("no experiment file " + file);
        } catch (IOException e) {
            throw new ExperimentException("cannot read experiment " + file + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new ExperimentException("experiment " + file + ": expected a JSON object");
        }
        String name = root.path("name").asText(file.getFileName().toString());
        JsonNode c = root.path("cluster");
        Cluster cluster = new Cluster(count(c, "dcs", 1, 1), count(c, "servers", 1, 1), count(c, "clients", 0, 0),
                c.path("gossip").asText("fast"));
        if (!cluster.gossip().equals("fast") && !cluster.gossip().equals("lan")) {
            throw new ExperimentException("cluster.gossip must be \"fast\" or \"lan\", not \"" + cluster.gossip() + "\"");
        }
        JsonNode stepsNode = root.path("steps");
        if (!stepsNode.isArray() || stepsNode.isEmpty()) {
            throw new ExperimentException("experiment " + file + ": \"steps\" must be a non-empty list");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < stepsNode.size(); i++) {
            steps.add(step(stepsNode.get(i), i + 1));
        }
        return new Experiment(name, cluster, List.copyOf(steps));
    }

    private static int count(JsonNode cluster, String field, int dflt, int min) {
        JsonNode n = cluster.path(field);
        if (n.isMissingNode()) {
            return dflt;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min || n.asInt() > 64) {
            throw new ExperimentException("cluster." + field + " must be a whole number from " + min + " to 64");
        }
        return n.asInt();
    }

    private static Step step(JsonNode s, int number) {
        if (!s.isObject() || s.size() != 1) {
            throw new ExperimentException("step " + number + ": expected an object with one action, such as "
                    + "{\"kill\": \"dc1-c1\"}");
        }
        Iterator<String> names = s.fieldNames();
        String action = names.next();
        JsonNode arg = s.get(action);
        String at = "step " + number + " (" + action + "): ";
        switch (action.toLowerCase(Locale.ROOT)) {
            case "wait":
                return new Wait(duration(arg, at));
            case "kill", "pause", "resume", "restart":
                return new NodeAction(action.toLowerCase(Locale.ROOT), node(arg, at));
            case "heal":
                return new Heal();
            case "partition": {
                if (!arg.isArray() || arg.size() < 2) {
                    throw new ExperimentException(at + "expected two or more groups of nodes, such as "
                            + "[[\"dc1-s1\"], [\"dc1-c1\", \"dc1-c2\"]]");
                }
                List<List<String>> groups = new ArrayList<>();
                for (JsonNode g : arg) {
                    if (!g.isArray() || g.isEmpty()) {
                        throw new ExperimentException(at + "each group must be a non-empty list of node names");
                    }
                    List<String> group = new ArrayList<>();
                    g.forEach(n -> group.add(node(n, at)));
                    groups.add(List.copyOf(group));
                }
                return new Partition(List.copyOf(groups));
            }
            case "loss": {
                int percent = arg.path("percent").asInt(-1);
                if (!arg.path("percent").isIntegralNumber() || percent < 0 || percent > 100) {
                    throw new ExperimentException(at + "expected {\"node\": NAME, \"percent\": 0..100}");
                }
                return new Loss(node(arg.path("node"), at), percent);
            }
            case "await": {
                if (!arg.isObject()) {
                    throw new ExperimentException(at + "expected {\"member\": NAME, \"status\": STATUS}");
                }
                String status = arg.path("status").asText("");
                if (!STATUSES.contains(status)) {
                    throw new ExperimentException(at + "status must be one of alive, leaving, left, failed, none");
                }
                List<String> observers = new ArrayList<>();
                arg.path("observers").forEach(n -> observers.add(node(n, at)));
                Duration timeout = arg.has("timeout") ? duration(arg.get("timeout"), at) : DEFAULT_AWAIT;
                return new Await(node(arg.path("member"), at), status, timeout, List.copyOf(observers));
            }
            default:
                throw new ExperimentException(at + "unknown action; one of wait, kill, pause, resume, restart, "
                        + "partition, heal, loss, await");
        }
    }

    private static String node(JsonNode n, String at) {
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new ExperimentException(at + "expected a node name such as \"dc1-c1\"");
        }
        return n.asText();
    }

    private static Duration duration(JsonNode n, String at) {
        if (!n.isTextual()) {
            throw new ExperimentException(at + "expected a duration such as \"10s\"");
        }
        try {
            Duration d = GoDuration.parse(n.asText());
            if (d.isNegative()) {
                throw new ExperimentException(at + "the duration may not be negative");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new ExperimentException(at + "invalid duration \"" + n.asText() + "\"");
        }
    }
}
