package dev.attache.agent.lab.report;

import java.util.List;
import java.util.Set;

/** One line of {@code faults.jsonl}: what the lab command did, to which nodes, when. */
public record Fault(
        String time,
        Long unixMs,
        String action,
        List<String> nodes,
        List<List<String>> groups,
        Double percent) {
    public static final Set<String> ACTIONS =
            Set.of("up", "kill", "pause", "resume", "restart", "partition", "heal", "loss", "down");

    public Fault {
        unixMs = unixMs != null ? unixMs : Times.parse(time, "time");
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("action " + (action == null ? "null" : "\"" + action + "\"")
                    + " is not one of up, kill, pause, resume, restart, partition, heal, loss, down");
        }
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        groups = groups == null ? List.of() : groups.stream().map(List::copyOf).toList();
    }

    public long at() {
        return unixMs;
    }

    /** How the fault reads in tables and on the plot: {@code kill dc1-c2}, {@code partition dc1-s1,dc1-c1 | dc1-c2}. */
    public String label() {
        StringBuilder b = new StringBuilder(action);
        if (!groups.isEmpty()) {
            b.append(' ');
            for (int i = 0; i < groups.size(); i++) {
                b.append(i == 0 ? "" : " | ").append(String.join(",", groups.get(i)));
            }
        } else if (!nodes.isEmpty()) {
            b.append(' ').append(String.join(",", nodes));
        }
        if (percent != null) {
            b.append(' ').append(Times.number(percent)).append('%');
        }
        return b.toString();
    }
}
