package dev.attache.api.acl;

import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.AclState;
import dev.attache.acl.state.AclStateMachine;
import dev.attache.cluster.AclReplication;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link AclReplication} over one real {@link AclStateMachine}: each command is applied at the next index, and every
 * future is already complete. Reads and submissions can be made to fail (no leader), and reads are recorded.
 */
final class InMemoryAclReplication implements AclReplication {
    private final AclStateMachine machine = new AclStateMachine();
    private final List<Consistency> reads = new CopyOnWriteArrayList<>();
    private long index;
    private volatile RuntimeException readFailure;
    private volatile RuntimeException submitFailure;

    /** Applies {@code command} at the next index, as a committed Raft entry would be. */
    synchronized Object apply(AclCommand command) {
        return machine.apply(command, ++index);
    }

    AclState state() {
        return machine.state();
    }

    /** The consistency of every read so far, in order. */
    List<Consistency> reads() {
        return List.copyOf(reads);
    }

    void failReads(RuntimeException failure) {
        readFailure = failure;
    }

    void failSubmits(RuntimeException failure) {
        submitFailure = failure;
    }

    @Override
    public CompletableFuture<Object> submit(AclCommand command) {
        RuntimeException failure = submitFailure;
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        try {
            return CompletableFuture.completedFuture(apply(command));
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    @Override
    public CompletableFuture<AclState> read(Consistency consistency) {
        reads.add(consistency);
        RuntimeException failure = readFailure;
        return failure != null
                ? CompletableFuture.failedFuture(failure)
                : CompletableFuture.completedFuture(machine.state());
    }
}
