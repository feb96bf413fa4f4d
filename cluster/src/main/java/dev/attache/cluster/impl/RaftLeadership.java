package dev.attache.cluster.impl;

import dev.attache.cluster.Leadership;
import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import io.atomix.cluster.MemberId;
import io.atomix.protocols.raft.RaftServer;
import io.atomix.protocols.raft.cluster.RaftMember;
import io.atomix.protocols.raft.impl.RaftContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Leadership facts. On a server they come from its Raft replica ({@link RaftGroup#context()}); a client agent, which
 * runs no Raft, reads what the alive servers publish in the LAN pool (the leader with the highest term).
 */
final class RaftLeadership implements Leadership {

    private final String nodeName;
    private final RaftGroup raft; // null on a client agent
    private final AtomixMembership lan;

    RaftLeadership(String nodeName, RaftGroup raft, AtomixMembership lan) {
        this.nodeName = nodeName;
        this.raft = raft;
        this.lan = lan;
    }

    @Override
    public Optional<String> leader() {
        if (raft == null) {
            return leaderFromLan();
        }
        return raft.context().map(RaftContext::getLeader).map(RaftMember::memberId).map(MemberId::id);
    }

    @Override
    public boolean isLeader() {
        return raft != null && raft.isRoleLeader();
    }

    @Override
    public long lastContactMillis() {
        if (raft == null || isLeader()) {
            return 0;
        }
        long last = raft.lastContactNanos();
        return last == 0 ? 0 : (System.nanoTime() - last) / 1_000_000;
    }

    @Override
    public Map<String, String> stats() {
        if (raft == null) {
            return Map.of();
        }
        Map<String, String> s = new LinkedHashMap<>();
        Optional<RaftContext> context = raft.context();
        RaftServer.Role role = context.map(RaftContext::getRole).orElse(null);
        s.put("state", state(role));
        s.put("term", Long.toString(context.map(RaftContext::getTerm).orElse(0L)));
        s.put("last_log_index", Long.toString(context.map(RaftLeadership::lastLogIndex).orElse(0L)));
        s.put("commit_index", Long.toString(context.map(RaftContext::getCommitIndex).orElse(0L)));
        s.put("applied_index", Long.toString(context.map(RaftContext::getLastApplied).orElse(0L)));
        s.put("fsm_pending", "0");
        s.put("num_peers", Integer.toString(Math.max(0, raft.peers().size() - 1)));
        s.put("last_contact", lastContact(role));
        s.put("latest_configuration", raft.peers().stream()
                .map(p -> "{Suffrage:Voter ID:" + p.name() + " Address:" + p.address() + "}")
                .collect(Collectors.joining(" ", "[", "]")));
        s.put("protocol_version", "3");
        return s;
    }

    private Optional<String> leaderFromLan() {
        Map<String, Map<String, String>> properties = lan.properties();
        String best = null;
        long bestTerm = -1;
        for (Member m : lan.members()) {
            if (!m.isServer() || m.status() != MemberStatus.ALIVE) {
                continue;
            }
            Map<String, String> p = properties.getOrDefault(m.name(), Map.of());
            String leader = p.getOrDefault(RaftGroup.LEADER_PROPERTY, "");
            long term = parseLong(p.get(RaftGroup.TERM_PROPERTY));
            if (!leader.isEmpty() && term > bestTerm) {
                best = leader;
                bestTerm = term;
            }
        }
        return Optional.ofNullable(best);
    }

    private String lastContact(RaftServer.Role role) {
        if (role == RaftServer.Role.LEADER) {
            return "0";
        }
        long last = raft.lastContactNanos();
        return last == 0 ? "never" : goDuration(System.nanoTime() - last);
    }

    private static long lastLogIndex(RaftContext c) {
        try {
            return c.getLogWriter().getLastIndex();
        } catch (RuntimeException racingWithTheRaftThread) {
            return c.getCommitIndex();
        }
    }

    /** Consul's (hashicorp/raft) state names. */
    private static String state(RaftServer.Role role) {
        if (role == null) {
            return "Follower";
        }
        return switch (role) {
            case LEADER -> "Leader";
            case CANDIDATE -> "Candidate";
            case INACTIVE -> "Shutdown";
            default -> "Follower";
        };
    }

    /** A duration as Go's {@code time.Duration.String()} prints it, to the microsecond. */
    static String goDuration(long nanos) {
        if (nanos < 1_000_000) {
            return trim(String.format(Locale.ROOT, "%.3f", nanos / 1_000.0)) + "µs";
        }
        if (nanos < 1_000_000_000) {
            return trim(String.format(Locale.ROOT, "%.3f", nanos / 1_000_000.0)) + "ms";
        }
        return trim(String.format(Locale.ROOT, "%.3f", nanos / 1_000_000_000.0)) + "s";
    }

    private static String trim(String decimal) {
        String s = decimal.contains(".") ? decimal.replaceAll("0+$", "") : decimal;
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static long parseLong(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return nodeName + " leadership";
    }
}
