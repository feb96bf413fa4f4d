package dev.attache.api.acl;

import dev.attache.cluster.Leadership;
import java.util.Map;
import java.util.Optional;

/** Leadership facts a test sets. */
final class FixedLeadership implements Leadership {
    private volatile String leader = "server-1";
    private volatile long lastContactMillis;

    void set(String newLeader, long newLastContactMillis) {
        leader = newLeader;
        lastContactMillis = newLastContactMillis;
    }

    @Override
    public Optional<String> leader() {
        return Optional.ofNullable(leader);
    }

    @Override
    public boolean isLeader() {
        return false;
    }

    @Override
    public long lastContactMillis() {
        return lastContactMillis;
    }

    @Override
    public Map<String, String> stats() {
        return Map.of();
    }
}
