package dev.attache.agent.lab.report;

import dev.attache.agent.lab.report.Report.FalseSuspicion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * False suspicions: an observer's view of a member turning suspect or failed (from a healthy status) when no fault
 * explains it ({@link FaultWindows#explains}). An episode that goes suspect then failed counts once; an episode that
 * ends with the member alive again counts as a flap.
 */
final class SuspicionAnalysis {
    private record Key(String observer, String pool, String member) {
    }

    private static final class Tally {
        int count;
        int flaps;
        final List<Long> at = new ArrayList<>();
        final Set<String> during = new LinkedHashSet<>();
    }

    private SuspicionAnalysis() {
    }

    static List<FalseSuspicion> find(LabRun run, Views views, FaultWindows windows) {
        Pools pools = new Pools(run.manifest());
        Map<Key, Tally> tallies = new TreeMap<>((a, b) -> {
            int c = a.observer().compareTo(b.observer());
            c = c != 0 ? c : a.pool().compareTo(b.pool());
            return c != 0 ? c : a.member().compareTo(b.member());
        });
        Map<Key, Boolean> inFalseEpisode = new HashMap<>();
        for (List<Transition> timeline : run.timelines().values()) {
            for (Transition t : timeline) {
                Key key = new Key(t.observer(), t.pool(), t.member());
                boolean starts = Transition.unhealthy(t.to()) && !Transition.unhealthy(t.from());
                if (starts) {
                    String node = pools.node(t.pool(), t.member());
                    boolean explained = windows.explains(views, t.observer(), t.pool(), t.member(), node, t.at());
                    inFalseEpisode.put(key, !explained);
                    if (!explained) {
                        Tally tally = tallies.computeIfAbsent(key, k -> new Tally());
                        tally.count++;
                        tally.at.add(t.at());
                        tally.during.addAll(windows.lossesDuring(t.observer(), node, t.at()));
                    }
                } else if (!Transition.unhealthy(t.to())) {
                    if (Boolean.TRUE.equals(inFalseEpisode.remove(key)) && t.to().equals(Transition.ALIVE)) {
                        tallies.get(key).flaps++;
                    }
                }
            }
        }
        List<FalseSuspicion> out = new ArrayList<>();
        tallies.forEach((k, t) -> out.add(new FalseSuspicion(k.observer(), k.member(), k.pool(), t.count, t.flaps,
                t.at.stream().map(Times::rfc3339).toList(), t.at, List.copyOf(t.during))));
        return out;
    }
}
