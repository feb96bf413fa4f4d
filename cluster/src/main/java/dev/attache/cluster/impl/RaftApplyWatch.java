package dev.attache.cluster.impl;

import io.atomix.protocols.raft.RaftServer;
import io.atomix.protocols.raft.impl.RaftContext;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sees a follower's replica that stopped applying committed entries.
 *
 * <p>Atomix 3.1.12's {@code RaftServiceManager} applies index {@code i} only when its log reader stands at
 * {@code i}; otherwise it skips {@code i} without a word and goes on with {@code i + 1}, so one miss makes it skip
 * every later index as well. Seen on a server restarted after a {@code kill -9} while its log held entries the new
 * leader replaced: the replica's commit index kept growing, its applied index never moved again, the server never
 * became ready, and its Raft start never completed. Putting the reader back in place was not enough (the replica's
 * state could already differ from the leader's), so the remedy is the one that was always correct in the tests: the
 * Raft instance is started again, and its new replica replays the log, which by then matches the leader's.
 *
 * <p>A follower qualifies when its applied index stood still for {@link #STUCK_CHECKS} checks in a row while
 * entries were committed beyond it.
 */
final class RaftApplyWatch {
    private static final Logger log = LoggerFactory.getLogger(RaftApplyWatch.class);
    /** Checks in a row without progress before the replica is given up. */
    static final int STUCK_CHECKS = 3;

    private record Progress(long applied, int stuck) {
    }

    private final String nodeName;
    private final Map<String, Progress> seen = new HashMap<>(); // caller's (events) thread only

    RaftApplyWatch(String nodeName) {
        this.nodeName = nodeName;
    }

    /** One check of a group's replica; call at a fixed rate from one thread. True when the replica is stuck. */
    boolean stuck(String group, RaftContext raft) {
        RaftServer.Role role = raft.getRole();
        long applied = raft.getLastApplied();
        long commit = raft.getCommitIndex();
        boolean follower = role == RaftServer.Role.FOLLOWER || role == RaftServer.Role.PASSIVE;
        Progress before = seen.get(group);
        int stuck = follower && commit > applied && before != null && before.applied() == applied
                ? before.stuck() + 1 : 0;
        seen.put(group, new Progress(applied, stuck));
        if (stuck < STUCK_CHECKS) {
            return false;
        }
        log.warn("{}: raft: the {} replica stopped applying at index {} while the commit index is {}; "
                + "starting the Raft instance again to replay its log", nodeName, group, applied, commit);
        seen.clear();
        return true;
    }

    /** Forgets what it saw (a new Raft instance starts from nothing). */
    void reset() {
        seen.clear();
    }
}
