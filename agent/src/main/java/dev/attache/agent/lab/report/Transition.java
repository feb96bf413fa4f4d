package dev.attache.agent.lab.report;

import java.util.Set;

/** One line of {@code timelines/<node>.jsonl}: the observer's view of a member changed at {@code unixMs}. */
public record Transition(
        String time,
        Long unixMs,
        String observer,
        String dc,
        String pool,
        String member,
        String from,
        String to) {
    public static final String NONE = "none";
    public static final String ALIVE = "alive";
    public static final String SUSPECT = "suspect";
    public static final String FAILED = "failed";
    public static final String LEAVING = "leaving";
    public static final String LEFT = "left";
    public static final Set<String> STATUSES = Set.of(NONE, ALIVE, SUSPECT, FAILED, LEAVING, LEFT);
    public static final Set<String> POOLS = Set.of("lan", "wan");

    public Transition {
        unixMs = unixMs != null ? unixMs : Times.parse(time, "time");
        require(observer, "observer");
        require(member, "member");
        if (!POOLS.contains(pool)) {
            throw new IllegalArgumentException("pool " + quote(pool) + " is not lan or wan");
        }
        from = from == null ? NONE : from;
        for (String s : new String[] {from, to}) {
            if (!STATUSES.contains(s)) {
                throw new IllegalArgumentException("status " + quote(s) + " is not one of none, alive, suspect, failed, leaving, left");
            }
        }
    }

    public long at() {
        return unixMs;
    }

    /** Suspect or failed: the member looks dead to the observer. */
    public static boolean unhealthy(String status) {
        return SUSPECT.equals(status) || FAILED.equals(status);
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
