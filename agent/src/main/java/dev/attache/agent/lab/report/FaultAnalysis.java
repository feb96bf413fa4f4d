package dev.attache.agent.lab.report;

import dev.attache.agent.lab.report.Report.FaultReport;
import dev.attache.agent.lab.report.Report.Observation;
import dev.attache.agent.lab.report.Report.PoolLatency;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per fault, how long each observer took to see it:
 * <ul>
 *   <li>kill and pause of X at t: every other running node that shares a pool with X, from t to its first record of X
 *       turning {@code failed} (before X was brought back); partition: each side's detection of the other side;</li>
 *   <li>resume, restart of X and heal: from t to each observer's first record of the member(s) turning
 *       {@code alive} (zero when it never lost sight of them); up: to the first {@code alive} (the join);</li>
 * </ul>
 * Convergence is the last observer's latency, when all of them saw it.
 */
final class FaultAnalysis {
    static final String NEVER = "never";
    static final String NO_TIMELINE = "no timeline";
    static final String ALREADY_FAILED = "already failed";
    static final String ALIVE_THROUGHOUT = "alive throughout";
    static final String BACK_FIRST = "back before detected";

    private final LabRun run;
    private final Views views;
    private final Pools pools;
    private final FaultWindows windows;
    private final long start;

    FaultAnalysis(LabRun run, Views views, FaultWindows windows, long start) {
        this.run = run;
        this.views = views;
        this.pools = new Pools(run.manifest());
        this.windows = windows;
        this.start = start;
    }

    List<FaultReport> all() {
        List<FaultReport> out = new ArrayList<>();
        Set<String> down = new HashSet<>();
        List<Fault> faults = run.faults();
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            Set<String> before = Set.copyOf(down);
            apply(f, down);
            out.add(report(i, f, before, down));
        }
        return out;
    }

    /** Replays the fault on the set of nodes that are not running (killed, paused or stopped). */
    private void apply(Fault f, Set<String> down) {
        List<String> nodes = f.nodes().isEmpty() ? allNodes() : f.nodes();
        switch (f.action()) {
            case "kill", "pause", "down" -> down.addAll(nodes);
            case "resume", "restart", "up" -> nodes.forEach(down::remove);
            default -> {
            }
        }
    }

    private FaultReport report(int index, Fault f, Set<String> downBefore, Set<String> downAfter) {
        List<Observation> obs = new ArrayList<>();
        String kind = switch (f.action()) {
            case "kill", "pause" -> {
                for (String x : f.nodes()) {
                    for (String o : allNodes()) {
                        if (!f.nodes().contains(o) && !downBefore.contains(o)) {
                            detect(f, o, x, obs);
                        }
                    }
                }
                yield FaultReport.DETECTION;
            }
            case "partition" -> {
                List<List<String>> groups = f.groups();
                for (int a = 0; a < groups.size(); a++) {
                    for (int b = 0; b < groups.size(); b++) {
                        if (a == b) {
                            continue;
                        }
                        for (String o : groups.get(a)) {
                            for (String x : groups.get(b)) {
                                if (!downBefore.contains(o) && !downBefore.contains(x)) {
                                    detect(f, o, x, obs);
                                }
                            }
                        }
                    }
                }
                yield FaultReport.DETECTION;
            }
            case "resume", "restart" -> {
                for (String x : f.nodes()) {
                    for (String o : allNodes()) {
                        if (!f.nodes().contains(o) && !downAfter.contains(o)) {
                            recover(f, o, x, false, obs);
                        }
                    }
                }
                yield FaultReport.RECOVERY;
            }
            case "heal" -> {
                Set<List<String>> pairs = new LinkedHashSet<>();
                for (List<Set<String>> groups : windows.partitionsOpenAt(f.at())) {
                    for (Set<String> a : groups) {
                        for (Set<String> b : groups) {
                            if (a != b) {
                                a.stream().sorted().forEach(o -> b.stream().sorted().forEach(x -> pairs.add(List.of(o, x))));
                            }
                        }
                    }
                }
                for (List<String> p : pairs) {
                    if (!downAfter.contains(p.get(0)) && !downAfter.contains(p.get(1))) {
                        recover(f, p.get(0), p.get(1), false, obs);
                    }
                }
                yield FaultReport.RECOVERY;
            }
            case "up" -> {
                Set<String> named = new HashSet<>(f.nodes().isEmpty() ? allNodes() : f.nodes());
                for (String o : allNodes()) {
                    for (String x : allNodes()) {
                        if (!o.equals(x) && (named.contains(o) || named.contains(x))
                                && !downAfter.contains(o) && !downAfter.contains(x)) {
                            recover(f, o, x, true, obs);
                        }
                    }
                }
                yield FaultReport.RECOVERY;
            }
            default -> FaultReport.NONE;
        };
        return summary(index, f, kind, obs);
    }

    private void detect(Fault f, String observer, String node, List<Observation> out) {
        long until = backAt(f, node);
        for (Pools.Seen s : pools.shared(observer, node)) {
            if (!run.timelines().containsKey(observer)) {
                out.add(new Observation(observer, s.member(), s.pool(), null, NO_TIMELINE));
                continue;
            }
            if (views.statusBefore(observer, s.pool(), s.member(), f.at()).equals(Transition.FAILED)) {
                out.add(new Observation(observer, s.member(), s.pool(), 0L, ALREADY_FAILED));
                continue;
            }
            Transition t = views.first(observer, s.pool(), s.member(), Transition.FAILED, f.at(), until);
            String note = until == Long.MAX_VALUE ? NEVER : BACK_FIRST;
            out.add(new Observation(observer, s.member(), s.pool(), t == null ? null : t.at() - f.at(),
                    t == null ? note : null));
        }
    }

    private void recover(Fault f, String observer, String node, boolean join, List<Observation> out) {
        for (Pools.Seen s : pools.shared(observer, node)) {
            if (!run.timelines().containsKey(observer)) {
                out.add(new Observation(observer, s.member(), s.pool(), null, NO_TIMELINE));
                continue;
            }
            long from = join ? Long.MIN_VALUE : f.at();
            Transition t = views.first(observer, s.pool(), s.member(), Transition.ALIVE, from, Long.MAX_VALUE);
            if (t != null) {
                out.add(new Observation(observer, s.member(), s.pool(), Math.max(0, t.at() - f.at()), null));
            } else if (views.statusBefore(observer, s.pool(), s.member(), f.at()).equals(Transition.ALIVE)) {
                out.add(new Observation(observer, s.member(), s.pool(), 0L, ALIVE_THROUGHOUT));
            } else {
                out.add(new Observation(observer, s.member(), s.pool(), null, NEVER));
            }
        }
    }

    /** When the node was next brought back (resume, restart, up or heal) after the fault, or never. */
    private long backAt(Fault f, String node) {
        boolean after = false;
        for (Fault later : run.faults()) {
            if (later == f) {
                after = true;
                continue;
            }
            boolean back = switch (later.action()) {
                case "resume", "restart", "up" -> later.nodes().contains(node);
                case "heal" -> f.action().equals("partition");
                default -> false;
            };
            if (after && back) {
                return later.at();
            }
        }
        return Long.MAX_VALUE;
    }

    private FaultReport summary(int index, Fault f, String kind, List<Observation> obs) {
        TreeMap<String, List<Long>> byPool = new TreeMap<>();
        TreeMap<String, Integer> counts = new TreeMap<>();
        List<String> missed = new ArrayList<>();
        long max = -1;
        for (Observation o : obs) {
            counts.merge(o.pool(), 1, Integer::sum);
            byPool.computeIfAbsent(o.pool(), p -> new ArrayList<>());
            if (o.latencyMs() == null) {
                missed.add(o.observer() + " -> " + o.member() + " (" + o.pool() + ", " + o.note() + ")");
            } else {
                byPool.get(o.pool()).add(o.latencyMs());
                max = Math.max(max, o.latencyMs());
            }
        }
        List<PoolLatency> latency = new ArrayList<>();
        byPool.forEach((pool, values) -> {
            values.sort(null);
            latency.add(values.isEmpty()
                    ? new PoolLatency(pool, counts.get(pool), 0, null, null, null, null)
                    : new PoolLatency(pool, counts.get(pool), values.size(), Percentiles.of(values, 50),
                            Percentiles.of(values, 90), Percentiles.of(values, 99), values.get(values.size() - 1)));
        });
        Long convergence = obs.isEmpty() || !missed.isEmpty() ? null : max;
        return new FaultReport(index + 1, f.action(), f.label(), Times.rfc3339(f.at()), f.at(), f.at() - start,
                f.nodes(), kind, obs, latency, missed, convergence);
    }

    private List<String> allNodes() {
        return run.manifest().nodes().stream().map(LabNode::name).toList();
    }
}
