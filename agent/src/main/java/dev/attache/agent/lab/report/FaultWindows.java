package dev.attache.agent.lab.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * When each fault acted, and on whom, replayed from {@code faults.jsonl}:
 * <ul>
 *   <li>kill, pause and down act on their nodes (down with no nodes on all) until a resume, restart or up names them;</li>
 *   <li>restart acts at its instant (the node went away and came back);</li>
 *   <li>partition stands between its groups until a heal;</li>
 *   <li>loss lasts until a loss of 0% on the same nodes or a heal. It explains nothing: a member that looks dead
 *       under packet loss is still alive, so such a suspicion is false, and the report says the loss was on.</li>
 * </ul>
 * A suspicion is explained by a fault that acted on its observer or member, or stood between them, from the fault's
 * start until its end plus a grace (the time gossip may still take to report what happened before the end), unless
 * the observer had seen the member alive again in between.
 */
final class FaultWindows {
    static final long GRACE_FAST_MS = 5_000;
    static final long GRACE_DEFAULT_MS = 30_000;

    private static final class Window {
        final Fault fault;
        final long start;
        long end = Long.MAX_VALUE;
        final Set<String> nodes;
        final List<Set<String>> groups = new ArrayList<>();

        Window(Fault fault, Set<String> nodes) {
            this.fault = fault;
            this.start = fault.at();
            this.nodes = nodes;
            fault.groups().forEach(g -> groups.add(Set.copyOf(g)));
        }

        boolean open() {
            return end == Long.MAX_VALUE;
        }

        boolean actsOn(String observer, String member) {
            if (!groups.isEmpty()) {
                int go = group(observer);
                int gm = group(member);
                return go >= 0 && gm >= 0 && go != gm;
            }
            return nodes.contains(observer) || nodes.contains(member);
        }

        private int group(String node) {
            for (int i = 0; i < groups.size(); i++) {
                if (groups.get(i).contains(node)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private final List<Window> windows = new ArrayList<>();
    private final List<Window> losses = new ArrayList<>();
    private final long grace;

    FaultWindows(LabManifest manifest, List<Fault> faults) {
        this.grace = "fast".equals(manifest.gossip()) ? GRACE_FAST_MS : GRACE_DEFAULT_MS;
        Set<String> all = new HashSet<>();
        manifest.nodes().forEach(n -> all.add(n.name()));
        for (Fault f : faults) {
            Set<String> nodes = f.nodes().isEmpty() ? all : Set.copyOf(f.nodes());
            switch (f.action()) {
                case "kill", "pause", "down" -> windows.add(new Window(f, nodes));
                case "resume", "up" -> close(windows, f, nodes, false);
                case "restart" -> {
                    close(windows, f, nodes, false);
                    Window w = new Window(f, nodes);
                    w.end = f.at();
                    windows.add(w);
                }
                case "partition" -> windows.add(new Window(f, nodes));
                case "heal" -> {
                    close(windows, f, all, true);
                    close(losses, f, all, false);
                }
                case "loss" -> {
                    close(losses, f, nodes, false);
                    if (f.percent() != null && f.percent() > 0) {
                        losses.add(new Window(f, nodes));
                    }
                }
                default -> throw new IllegalStateException("unknown action " + f.action());
            }
        }
    }

    private static void close(List<Window> list, Fault f, Set<String> nodes, boolean partitions) {
        for (Window w : list) {
            boolean partition = !w.groups.isEmpty();
            if (w.open() && partition == partitions && (partitions || w.nodes.stream().anyMatch(nodes::contains))) {
                w.end = f.at();
            }
        }
    }

    /** Whether a fault explains the observer seeing the member (a lab node) suspect or failed at {@code at}. */
    boolean explains(Views views, String observer, String pool, String member, String memberNode, long at) {
        for (Window w : windows) {
            if (!w.actsOn(observer, memberNode) || at < w.start) {
                continue;
            }
            if (at <= w.end) {
                return true;
            }
            if (at <= w.end + grace && views.first(observer, pool, member, Transition.ALIVE, w.end, at) == null) {
                return true;
            }
        }
        return false;
    }

    /** Labels of the packet-loss faults in effect on the observer or the member at {@code at}. */
    List<String> lossesDuring(String observer, String memberNode, long at) {
        List<String> out = new ArrayList<>();
        for (Window w : losses) {
            if (w.actsOn(observer, memberNode) && at >= w.start && at <= w.end) {
                out.add(w.fault.label());
            }
        }
        return out;
    }

    /** Partitions open just before {@code at}: the groups that could not reach each other. */
    List<List<Set<String>>> partitionsOpenAt(long at) {
        List<List<Set<String>>> out = new ArrayList<>();
        for (Window w : windows) {
            if (!w.groups.isEmpty() && w.start < at && w.end >= at) {
                out.add(w.groups);
            }
        }
        return out;
    }
}
