package dev.attache.cluster.impl;

import io.atomix.cluster.Member;
import io.atomix.cluster.MemberId;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Memberlist's transmit-limited broadcast queue, in the shape of the map Atomix 3.1.12's SWIM keeps its pending
 * gossip in.
 *
 * <p>Atomix gossips each member update in one round, to three members, and forgets it. An update is forwarded only by
 * a member that did not know it yet, so each member passes it on at most once: some members of a pool of thirty
 * never hear of a change that way, and learn it only when a probe happens to reach them, seconds later. Memberlist
 * sends each update in several rounds instead, until it has gone out {@code retransmit_mult × ⌈log10(n + 1)⌉} times.
 * This queue does the same behind Atomix's own gossip loop, which reads it thus, once per gossip interval:
 * <pre>
 *   if (!updates.isEmpty()) { list = new ArrayList(updates.values()); updates.clear(); send list to fanout members }
 * </pre>
 * {@link #values()} hands out the updates with the fewest transmissions first (at most {@link #MAX_PER_MESSAGE}),
 * and {@link #clear()} counts one transmission per member they went to, dropping those that reached the limit.
 * A newer update of the same member replaces the older one and starts its count again. Only SWIM's thread may use it.
 */
final class RetransmitQueue extends AbstractMap<MemberId, Member> {

    /**
     * Updates per gossip message: a member state with Consul's tags is about 310 bytes, so a message stays near
     * 2.5 KB (memberlist fills 1,400-byte packets); a backlog goes out over the next rounds instead.
     */
    static final int MAX_PER_MESSAGE = 8;

    private final Map<MemberId, Pending> pending = new LinkedHashMap<>();
    private final int retransmitMult;
    private final int fanout;
    private List<Pending> handedOut = List.of();
    private int poolSize = 1;
    private long sequence;

    /**
     * @param retransmitMult memberlist's {@code RetransmitMult}
     * @param fanout         how many members one gossip round goes to (fewer in a smaller pool)
     */
    RetransmitQueue(int retransmitMult, int fanout) {
        if (retransmitMult < 1) {
            throw new IllegalArgumentException("retransmit_mult must be at least 1");
        }
        this.retransmitMult = retransmitMult;
        this.fanout = fanout;
    }

    /** The number of members not dead, this one included: the limit grows with it. */
    void poolSize(int members) {
        this.poolSize = Math.max(1, members);
    }

    /** How many times an update is sent before it is dropped: memberlist's {@code retransmitLimit}. */
    int limit() {
        return retransmitMult * (int) Math.ceil(Math.log10(poolSize + 1));
    }

    /** Queues {@code update}, replacing a pending update of the same member. */
    @Override
    public Member put(MemberId id, Member update) {
        Pending old = pending.put(id, new Pending(update, sequence++));
        return old == null ? null : old.update;
    }

    @Override
    public boolean isEmpty() {
        return pending.isEmpty();
    }

    @Override
    public int size() {
        return pending.size();
    }

    @Override
    public Member get(Object id) {
        Pending p = pending.get(id);
        return p == null ? null : p.update;
    }

    /**
     * Leaves the pending update of {@code id} one round to go: for a change that its source already sent to every
     * member it knows, where passing it on in full would only repeat it.
     */
    void lastRound(MemberId id) {
        Pending p = pending.get(id);
        if (p != null) {
            p.transmits = Math.max(p.transmits, limit() - Math.max(1, perRound()));
        }
    }

    /** Drops the pending update of {@code id}: for a state every member already has. */
    void drop(MemberId id) {
        pending.remove(id);
    }

    /** The updates for this round: the fewest transmissions first, the newest first among equals. */
    @Override
    public Collection<Member> values() {
        List<Pending> batch = new ArrayList<>(pending.values());
        batch.sort(Comparator.comparingInt((Pending p) -> p.transmits).thenComparing(p -> -p.sequence));
        handedOut = batch.size() > MAX_PER_MESSAGE ? batch.subList(0, MAX_PER_MESSAGE) : batch;
        List<Member> updates = new ArrayList<>(handedOut.size());
        handedOut.forEach(p -> updates.add(p.update));
        return updates;
    }

    /** Ends a gossip round: counts the round's transmissions of what {@link #values()} handed out. */
    @Override
    public void clear() {
        int sent = perRound();
        int limit = limit();
        for (Pending p : handedOut) {
            p.transmits += sent;
            if (p.transmits >= limit) {
                pending.remove(p.update.id(), p);
            }
        }
        handedOut = List.of();
    }

    /** How many members one gossip round reaches: the fanout, or the other members of a smaller pool. */
    private int perRound() {
        return Math.min(fanout, poolSize - 1);
    }

    @Override
    public Set<Entry<MemberId, Member>> entrySet() {
        Map<MemberId, Member> view = new LinkedHashMap<>();
        pending.forEach((id, p) -> view.put(id, p.update));
        return view.entrySet();
    }

    private static final class Pending {
        final Member update;
        final long sequence;
        int transmits;

        Pending(Member update, long sequence) {
            this.update = update;
            this.sequence = sequence;
        }
    }
}
