package dev.attache.agent.lab.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The timelines indexed by observer, pool and member: each observer's view of each member, in time order. */
final class Views {
    private record Key(String observer, String pool, String member) {
    }

    private final Map<Key, List<Transition>> views = new HashMap<>();

    Views(Map<String, List<Transition>> timelines) {
        for (List<Transition> timeline : timelines.values()) {
            for (Transition t : timeline) {
                views.computeIfAbsent(new Key(t.observer(), t.pool(), t.member()), k -> new ArrayList<>()).add(t);
            }
        }
    }

    List<Transition> of(String observer, String pool, String member) {
        return views.getOrDefault(new Key(observer, pool, member), List.of());
    }

    /** The observer's status for the member just before {@code unixMs} ({@code none} if it had no record yet). */
    String statusBefore(String observer, String pool, String member, long unixMs) {
        String status = Transition.NONE;
        for (Transition t : of(observer, pool, member)) {
            if (t.at() >= unixMs) {
                break;
            }
            status = t.to();
        }
        return status;
    }

    /** The first record at or after {@code from} and before {@code until} in which the member turns {@code status}. */
    Transition first(String observer, String pool, String member, String status, long from, long until) {
        for (Transition t : of(observer, pool, member)) {
            if (t.at() >= from && t.at() < until && t.to().equals(status)) {
                return t;
            }
        }
        return null;
    }
}
