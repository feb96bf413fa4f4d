package dev.attache.api.acl;

import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.AclState;
import dev.attache.acl.state.AclStateMachine;
import dev.attache.acl.state.AclTable;
import dev.attache.cluster.AclReplication;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@link AclReplication} over one real {@link AclStateMachine}: each command is applied at the next index, and every
 * future is already complete. Reads and submissions can be made to fail (no leader), and reads are recorded.
 */
final class InMemoryAclReplication implements AclReplication {
    private final AclStateMachine machine = new AclStateMachine();
    private final List<Consistency> reads = new CopyOnWriteArrayList<>();
    private long index;
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private final List<Duration> timeouts = new CopyOnWriteArrayList<>();
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "in-memory-acl-timers");
        t.setDaemon(true);
        return t;
    });

    private record Watch(AclTable table, long minIndex, CompletableFuture<AclState> future) {
    }
    private volatile RuntimeException readFailure;
    private volatile RuntimeException submitFailure;

    /** Applies {@code command} at the next index, as a committed Raft entry would be. */
    synchronized Object apply(AclCommand command) {
        try {
            return machine.apply(command, ++index);
        } finally {
            AclState s = machine.state();
            for (Watch w : watches) {
                if (w.table().index(s) > w.minIndex() && watches.remove(w)) {
                    w.future().complete(s);
                }
            }
        }
    }

    /** The timeout of every blocking read so far, in order. */
    List<Duration> timeouts() {
        return List.copyOf(timeouts);
    }

    /** How many blocking reads are waiting now. */
    int blocked() {
        return watches.size();
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
    public CompletableFuture<AclState> await(Consistency consistency, AclTable table, long minIndex,
                                             Duration timeout) {
        timeouts.add(timeout);
        return read(consistency).thenCompose(state -> {
            if (table.index(state) > minIndex) {
                return CompletableFuture.completedFuture(state);
            }
            Watch w = new Watch(table, minIndex, new CompletableFuture<>());
            watches.add(w);
            TIMERS.schedule(() -> {
                if (watches.remove(w)) {
                    w.future().complete(machine.state());
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            return w.future();
        });
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
