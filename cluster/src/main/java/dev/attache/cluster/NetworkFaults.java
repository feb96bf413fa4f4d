package dev.attache.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Faults injected into one agent's cluster messaging: its LAN and WAN gossip (SWIM probes over TCP, gossip over
 * UDP), the requests between agents (ACL forwarding, push/pull) and, on a server, Raft. For failure experiments
 * with many agents in one JVM, where no process can be stopped and no packet filtered. The HTTP API is not
 * affected.
 *
 * <ul>
 *   <li>{@link #pause()}: as if the process were stopped with SIGSTOP. Nothing it receives is handled (requests are
 *       never answered, so peers' probes time out and they declare it failed); what it sends is held, and goes out
 *       at {@link #resume()}, as a resumed process's queued writes do. Its own timers keep running, but with every
 *       reply held it cannot suspect anyone either: its view stays as it was.</li>
 *   <li>{@link #block(Collection)}: a partition. Sends to the given addresses fail at once (as to an unreachable
 *       host) and messages from them are dropped. Give each side the other's addresses for a two-way cut.</li>
 *   <li>{@link #sever()}: everything fails for good, in and out; used to kill an agent abruptly before it stops,
 *       so that nothing it says while shutting down reaches anyone.</li>
 * </ul>
 *
 * <p>Addresses are {@code host:port} as the agents advertise them: a peer's LAN gossip address, its WAN gossip
 * address and its server (Raft) address. Without faults the messaging path costs one volatile read per message.
 */
public final class NetworkFaults {

    private volatile boolean paused;
    private volatile boolean severed;
    private volatile Set<String> blocked = Set.of();
    private final List<Runnable> held = new ArrayList<>(); // guarded by this

    /** Freezes this agent's cluster messaging, in and out, until {@link #resume()}. */
    public synchronized void pause() {
        paused = true;
    }

    /** Ends a {@link #pause()}: what was held is sent now; new messages flow again. */
    public void resume() {
        List<Runnable> release;
        synchronized (this) {
            if (!paused) {
                return;
            }
            paused = false;
            release = new ArrayList<>(held);
            held.clear();
        }
        release.forEach(Runnable::run);
    }

    public boolean paused() {
        return paused;
    }

    /** Cuts this agent off from the given addresses ({@code host:port}), both ways; replaces the previous set. */
    public void block(Collection<String> addresses) {
        blocked = Set.copyOf(addresses);
    }

    /** Ends every {@link #block(Collection) block}. */
    public void unblockAll() {
        blocked = Set.of();
    }

    /** The addresses currently cut off. */
    public Set<String> blocked() {
        return blocked;
    }

    /** Cuts this agent off from everyone, for good: held and new sends fail, nothing is received. */
    public void sever() {
        List<Runnable> release;
        synchronized (this) {
            severed = true;
            paused = false;
            release = new ArrayList<>(held);
            held.clear();
        }
        release.forEach(Runnable::run);
    }

    public boolean severed() {
        return severed;
    }

    /** True when any fault is in force; the messaging layer's fast path. */
    public boolean active() {
        return paused || severed || !blocked.isEmpty();
    }

    /** True when a message from {@code from} ({@code host:port}) is to be dropped. */
    public boolean dropsFrom(String from) {
        return paused || severed || blocked.contains(from);
    }

    /** True when a send to {@code to} ({@code host:port}) is to fail. */
    public boolean blocks(String to) {
        return severed || blocked.contains(to);
    }

    /**
     * Runs {@code send} now or, while paused, at {@link #resume()} (or {@link #sever()}). For the messaging layer:
     * the action checks {@link #blocks} itself when it runs.
     */
    public void whenUnpaused(Runnable send) {
        synchronized (this) {
            if (paused) {
                held.add(send);
                return;
            }
        }
        send.run();
    }

    @Override
    public String toString() {
        return "NetworkFaults[paused=" + paused + ", severed=" + severed + ", blocked=" + blocked + "]";
    }
}
