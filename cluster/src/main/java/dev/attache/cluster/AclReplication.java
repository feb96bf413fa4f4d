package dev.attache.cluster;

import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.AclState;
import dev.attache.acl.state.AclTable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The datacenter's replicated ACL state, as the HTTP API and token resolution use it: writes are committed
 * through the datacenter's Raft group before they complete; reads return a state snapshot at least as fresh as the
 * requested consistency requires.
 */
public interface AclReplication {

    /** Consul's read consistency modes (consul-behavior.md §8). */
    enum Consistency {
        /** The leader's view: at least every write committed before the read began. */
        DEFAULT,
        /** As {@link #DEFAULT}, after the leader confirmed it still leads. */
        CONSISTENT,
        /** Whatever this agent's servers hold, without asking a leader; answers while no leader exists. */
        STALE
    }

    /**
     * Commits {@code command}. Completes with the state machine's result (an {@code AclToken}, an
     * {@code AclPolicy}, or {@code Boolean.TRUE}), or fails with {@link dev.attache.acl.AclException} (the state
     * machine refused it, nothing changed) or {@link NoLeaderException} (no leader within the hold time; the write
     * may or may not have been applied).
     */
    CompletableFuture<Object> submit(AclCommand command);

    /** A state snapshot; fails with {@link NoLeaderException} for non-stale reads while no leader exists. */
    CompletableFuture<AclState> read(Consistency consistency);

    /**
     * A blocking read (consul-behavior.md §7): a snapshot, read at {@code consistency}, whose {@code table} index is
     * above {@code minIndex}; if the first read is not, the snapshot that first is, or, when {@code timeout} runs out
     * first, the snapshot of that moment. A restored Raft snapshot answers at once, whatever its index (Consul's
     * abandoned state store: the caller sees its index go backwards and starts over). Holds no thread while it
     * waits.
     */
    CompletableFuture<AclState> await(Consistency consistency, AclTable table, long minIndex, Duration timeout);
}
