package dev.attache.cluster.impl;

import dev.attache.acl.state.AclState;
import dev.attache.acl.state.AclStateMachine;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
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
    private volatile AclStateMachine machine;
    private volatile Consumer<AclState> onApplied = s -> { };

    private record Waiter(long index, CompletableFuture<AclState> future) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter o) {
            return Long.compare(index, o.index);
        }
    }

    AclStateHost(Supplier<AclStateMachine> machines) {
        this.machines = machines;
    }

    /** A fresh machine for a new service instance; it becomes the current one. Raft service thread. */
    AclStateMachine newMachine() {
        AclStateMachine m = machines.get();
        machine = m;
        return m;
    }

    /** This replica's current snapshot ({@link AclState#EMPTY} before the service exists). */
    AclState state() {
        AclStateMachine m = machine;
        return m == null ? AclState.EMPTY : m.state();
    }

    /** Called by the service after every apply or restore. Raft service thread. */
    void applied(AclStateMachine source) {
        if (source != machine) {
            return;
        }
        AclState s = source.state();
        synchronized (waiters) {
            while (!waiters.isEmpty() && waiters.peek().index <= s.index()) {
                waiters.poll().future.complete(s);
            }
        }
        onApplied.accept(s);
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
