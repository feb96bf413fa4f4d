package dev.attache.cluster.impl;

import dev.attache.acl.state.AclState;
import dev.attache.acl.state.AclStateMachine;
import dev.attache.acl.state.AclTable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * This server's replica of the ACL state machine, as the rest of the agent sees it. Atomix creates the Raft
 * service (and so the state machine) when it needs one, and again when it restores a snapshot; the service
 * registers each new machine here. Readers get the current snapshot, and may wait until the replica has applied
 * a given index.
 */
final class AclStateHost {
    private final Supplier<AclStateMachine> machines;
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>();
    private final Map<AclTable, Set<TableWatch>> watches = new EnumMap<>(AclTable.class);
    private volatile ScheduledExecutorService timers;

    /** A blocking read waiting for a table's index to pass {@code minIndex}. */
    private record TableWatch(long minIndex, CompletableFuture<AclState> future) {
    }
    private volatile AclStateMachine machine;
    /** While a restarted replica replays its log: the machine readers still see, until the new one catches up. */
    private volatile AclStateMachine replaced;
    private volatile boolean replaying;
    private volatile Consumer<AclState> onApplied = s -> { };

    private record Waiter(long index, CompletableFuture<AclState> future) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter o) {
            return Long.compare(index, o.index);
        }
    }

    AclStateHost(Supplier<AclStateMachine> machines) {
        this.machines = machines;
        for (AclTable t : AclTable.values()) {
            watches.put(t, ConcurrentHashMap.newKeySet());
        }
    }

    /**
     * Where blocked reads' timeouts run. A blocked read wakes on the Raft thread that applied the change: its
     * future's dependents must hand heavy work (rendering, encoding) to their own threads.
     */
    void timers(ScheduledExecutorService timers) {
        this.timers = timers;
    }

    /** A fresh machine for a new service instance; it becomes the current one. Raft service thread. */
    AclStateMachine newMachine() {
        AclStateMachine m = machines.get();
        if (replaying) {
            replaying = false;
            replaced = machine;
        }
        machine = m;
        return m;
    }

    /**
     * The Raft instance is about to be started again: its new replica replays the log from the start, and until it
     * has caught up with the index this one reached, readers keep seeing this one's state.
     */
    void replay() {
        replaying = true;
    }

    /** This replica's current snapshot ({@link AclState#EMPTY} before the service exists). */
    AclState state() {
        AclStateMachine old = replaced;
        if (old != null) {
            return old.state();
        }
        AclStateMachine m = machine;
        return m == null ? AclState.EMPTY : m.state();
    }

    /** Called by the service after every apply. Raft service thread. */
    void applied(AclStateMachine source) {
        applied(source, false);
    }

    /**
     * Called by the service after every apply, and after a restore with {@code restored} (the state may have gone
     * backwards: every blocked read answers). Raft service thread.
     */
    void applied(AclStateMachine source, boolean restored) {
        if (source != machine) {
            return;
        }
        AclState s = source.state();
        AclStateMachine old = replaced;
        if (old != null) {
            if (s.index() < old.state().index()) {
                return; // still replaying
            }
            replaced = null;
        }
        synchronized (waiters) {
            while (!waiters.isEmpty() && waiters.peek().index <= s.index()) {
                waiters.poll().future.complete(s);
            }
        }
        for (AclTable table : AclTable.values()) {
            long index = table.index(s);
            for (TableWatch w : watches.get(table)) {
                if (restored || index > w.minIndex()) {
                    wake(table, w, s);
                }
            }
        }
        onApplied.accept(s);
    }

    /**
     * Completes with this replica's snapshot once {@code table}'s index is above {@code minIndex}, or with the
     * snapshot of the moment when {@code timeout} runs out, or at once after a restore. Holds no thread.
     */
    CompletableFuture<AclState> awaitTable(AclTable table, long minIndex, Duration timeout) {
        AclState now = state();
        if (table.index(now) > minIndex) {
            return CompletableFuture.completedFuture(now);
        }
        TableWatch w = new TableWatch(minIndex, new CompletableFuture<>());
        Set<TableWatch> set = watches.get(table);
        set.add(w);
        AclState again = state(); // an apply between the first look and the registration
        if (table.index(again) > minIndex) {
            wake(table, w, again);
            return w.future();
        }
        ScheduledExecutorService t = timers;
        if (t != null) {
            var timer = t.schedule(() -> wake(table, w, state()), timeout.toMillis(), TimeUnit.MILLISECONDS);
            w.future().whenComplete((v, e) -> timer.cancel(false));
        }
        w.future().whenComplete((v, e) -> set.remove(w)); // also when the caller gives up
        return w.future();
    }

    private void wake(AclTable table, TableWatch w, AclState s) {
        if (watches.get(table).remove(w)) {
            w.future().complete(s);
        }
    }

    /** Completes with a snapshot once this replica has applied {@code index}. */
    CompletableFuture<AclState> awaitIndex(long index) {
        AclState s = state();
        if (s.index() >= index) {
            return CompletableFuture.completedFuture(s);
        }
        CompletableFuture<AclState> f = new CompletableFuture<>();
        synchronized (waiters) {
            waiters.add(new Waiter(index, f));
        }
        AclState again = state();
        if (again.index() >= index) {
            synchronized (waiters) {
                waiters.removeIf(w -> w.future == f);
            }
            f.complete(again);
        }
        return f;
    }

    /** A listener for every applied state (for caches that follow the state). */
    void onApplied(Consumer<AclState> listener) {
        this.onApplied = listener;
    }
}
