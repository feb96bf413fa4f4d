package dev.attache.cluster.impl;

import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One agent's view of a gossip pool with Consul's status codes, fed with the pool's events.
 *
 * <p>Atomix SWIM knows ALIVE, SUSPECT and DEAD and has no leave message. The view maps them so:
 * <ul>
 *   <li>added (first sight, or back after death) → alive;</li>
 *   <li>properties changed → leaving when the member published {@code attache.status=leaving}, else alive
 *       (only while it is alive or leaving);</li>
 *   <li>unreachable (SWIM suspect) → unchanged, as Consul shows a suspect as alive; but a member that had
 *       announced its leave is then left;</li>
 *   <li>reachable again after left/failed → alive (or leaving);</li>
 *   <li>removed (SWIM dead) → left if it had announced its leave or was leaving, else failed.</li>
 * </ul>
 * Consul's force-leave ({@link #forceLeave}): alive → leaving (a live member refutes it by bumping its
 * {@link #REFUTE_PROPERTY}, whose change makes it alive again), failed → left, leaving and left unchanged; with prune,
 * failed, left and leaving members are erased, and an alive one is erased once it has left or failed.
 *
 * <p>Failed members are reaped after the reconnect timeout and left ones after the tombstone timeout; a reaped or
 * erased member is reported with status {@link MemberStatus#NONE}. An erased member's name is remembered (until the
 * tombstone timeout) so that lingering gossip about it is ignored: the owner lets it back only through
 * {@link #revived}, after the member itself answered.
 *
 * <p>Not thread-safe: the owner confines it to one thread and publishes {@link #snapshot()}.
 */
final class MemberView {

    /** Member properties with this prefix are ours, not Consul tags, and are not shown as tags. */
    static final String RESERVED_PREFIX = "attache.";
    /** The property a member sets to {@link #LEAVING} before a graceful leave, {@link #ALIVE} otherwise. */
    static final String STATUS_PROPERTY = RESERVED_PREFIX + "status";
    static final String ALIVE = "alive";
    static final String LEAVING = "leaving";
    /** A counter a member raises to refute a force-leave; a force-leave sent before the raise is ignored. */
    static final String REFUTE_PROPERTY = RESERVED_PREFIX + "refute";

    /** What the pool reported about one member. */
    record Observed(String name, String address, int port, Map<String, String> properties) {
        Observed {
            properties = Map.copyOf(properties);
        }

        boolean leaving() {
            return LEAVING.equals(properties.get(STATUS_PROPERTY));
        }

        long refute() {
            return parseRefute(properties.get(REFUTE_PROPERTY));
        }

        Map<String, String> tags() {
            Map<String, String> tags = new HashMap<>();
            properties.forEach((k, v) -> {
                if (!k.startsWith(RESERVED_PREFIX)) {
                    tags.put(k, v);
                }
            });
            return tags;
        }
    }

    /** A status change to report to listeners. */
    record Change(Member member, MemberStatus previous) {
    }

    private record Entry(Member member, Map<String, String> properties, long changedAtNanos) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    /** Erased (pruned or reaped) names, with when they were erased. */
    private final Map<String, Long> erased = new HashMap<>();
    /** Members a prune reached while they were alive: erased once they leave or fail. */
    private final java.util.Set<String> pruneWhenGone = new java.util.HashSet<>();
    private final Duration reconnectTimeout;
    private final Duration tombstoneTimeout;
    private final LongSupplier nanoClock;

    MemberView(Duration reconnectTimeout, Duration tombstoneTimeout, LongSupplier nanoClock) {
        this.reconnectTimeout = reconnectTimeout;
        this.tombstoneTimeout = tombstoneTimeout;
        this.nanoClock = nanoClock;
    }

    Optional<Change> added(Observed o) {
        if (erased.containsKey(o.name())) {
            return Optional.empty();
        }
        return update(o, MemberStatus.ALIVE);
    }

    Optional<Change> metadataChanged(Observed o) {
        if (erased.containsKey(o.name())) {
            return Optional.empty();
        }
        MemberStatus current = status(o.name());
        boolean live = current == MemberStatus.NONE || current == MemberStatus.ALIVE || current == MemberStatus.LEAVING;
        return update(o, live ? liveStatus(o) : current);
    }

    Optional<Change> reachabilityChanged(Observed o, boolean reachable) {
        if (erased.containsKey(o.name())) {
            return Optional.empty();
        }
        MemberStatus current = status(o.name());
        if (current == MemberStatus.NONE) {
            return reachable ? update(o, liveStatus(o)) : Optional.empty();
        }
        if (reachable) {
            return update(o, liveStatus(o));
        }
        boolean live = current == MemberStatus.ALIVE || current == MemberStatus.LEAVING;
        return gone(update(o, live && o.leaving() ? MemberStatus.LEFT : current));
    }

    Optional<Change> removed(Observed o) {
        if (erased.containsKey(o.name())) {
            return Optional.empty();
        }
        MemberStatus current = status(o.name());
        boolean left = o.leaving() || current == MemberStatus.LEFT || current == MemberStatus.LEAVING;
        return gone(update(o, left ? MemberStatus.LEFT : MemberStatus.FAILED));
    }

    /**
     * Consul's force-leave of a known member, as this view has it: alive → leaving, failed → left, others
     * unchanged; with {@code prune}, failed, left and leaving members are erased, and an alive one will be once it
     * leaves or fails. Ignored (empty) for an unknown member, or when the member refuted after the sender looked
     * ({@code refute} is the member's refute counter the sender saw).
     */
    List<Change> forceLeave(String name, boolean prune, long refute) {
        Entry e = entries.get(name);
        if (e == null || refute(name) > refute) {
            return List.of();
        }
        MemberStatus current = e.member().status();
        if (prune && current != MemberStatus.ALIVE) {
            return erase(name).stream().toList();
        }
        if (prune) {
            pruneWhenGone.add(name);
        }
        return switch (current) {
            case ALIVE -> setStatus(e, MemberStatus.LEAVING).stream().toList();
            case FAILED -> setStatus(e, MemberStatus.LEFT).stream().toList();
            default -> List.of();
        };
    }

    /** A member announced its own graceful leave: alive → leaving. */
    Optional<Change> leaveAnnounced(String name) {
        Entry e = entries.get(name);
        return e != null && e.member().status() == MemberStatus.ALIVE ? setStatus(e, MemberStatus.LEAVING) : Optional.empty();
    }

    /** True when the member was erased or has left: a sighting must then be confirmed before it counts. */
    boolean needsConfirmation(String name) {
        return erased.containsKey(name) || status(name) == MemberStatus.LEFT;
    }

    /** The member answered after a sighting: it is back, alive (or leaving, if it says so). */
    Optional<Change> revived(Observed o) {
        erased.remove(o.name());
        pruneWhenGone.remove(o.name());
        return update(o, liveStatus(o));
    }

    /** The refute counter this view last saw for a member. */
    long refute(String name) {
        Entry e = entries.get(name);
        return e == null ? 0 : parseRefute(e.properties().get(REFUTE_PROPERTY));
    }

    static long parseRefute(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Optional<Change> erase(String name) {
        Entry e = entries.remove(name);
        pruneWhenGone.remove(name);
        if (e == null) {
            return Optional.empty();
        }
        erased.put(name, nanoClock.getAsLong());
        return Optional.of(new Change(e.member().withStatus(MemberStatus.NONE), e.member().status()));
    }

    /** A change to left or failed of a member a prune is waiting for erases it instead. */
    private Optional<Change> gone(Optional<Change> change) {
        if (change.isEmpty()) {
            return change;
        }
        Member m = change.get().member();
        boolean gone = m.status() == MemberStatus.LEFT || m.status() == MemberStatus.FAILED;
        if (gone && pruneWhenGone.contains(m.name())) {
            erase(m.name());
            return Optional.of(new Change(m.withStatus(MemberStatus.NONE), change.get().previous()));
        }
        return change;
    }

    private Optional<Change> setStatus(Entry e, MemberStatus status) {
        Member m = e.member();
        return update(new Observed(m.name(), m.address(), m.port(), e.properties()), status);
    }

    /** Removes failed and left members whose timeout has passed. */
    List<Change> reap() {
        List<Change> reaped = new ArrayList<>();
        long now = nanoClock.getAsLong();
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            MemberStatus s = e.member().status();
            Duration timeout = s == MemberStatus.FAILED ? reconnectTimeout : s == MemberStatus.LEFT ? tombstoneTimeout : null;
            if (timeout != null && now - e.changedAtNanos() >= timeout.toNanos()) {
                it.remove();
                erased.put(e.member().name(), now);
                reaped.add(new Change(e.member().withStatus(MemberStatus.NONE), s));
            }
        }
        erased.values().removeIf(at -> now - at >= tombstoneTimeout.toNanos());
        return reaped;
    }

    MemberStatus status(String name) {
        Entry e = entries.get(name);
        return e == null ? MemberStatus.NONE : e.member().status();
    }

    boolean erased(String name) {
        return erased.containsKey(name);
    }

    Optional<Member> get(String name) {
        return Optional.ofNullable(entries.get(name)).map(Entry::member);
    }

    /** The properties last seen for each member, reserved ones included. */
    Map<String, Map<String, String>> properties() {
        Map<String, Map<String, String>> all = new HashMap<>();
        entries.forEach((name, e) -> all.put(name, e.properties()));
        return Map.copyOf(all);
    }

    /** An immutable copy of the view, sorted by name. */
    List<Member> snapshot() {
        return entries.values().stream()
                .map(Entry::member)
                .sorted(Comparator.comparing(Member::name))
                .toList();
    }

    private static MemberStatus liveStatus(Observed o) {
        return o.leaving() ? MemberStatus.LEAVING : MemberStatus.ALIVE;
    }

    private Optional<Change> update(Observed o, MemberStatus status) {
        Entry old = entries.get(o.name());
        MemberStatus previous = old == null ? MemberStatus.NONE : old.member().status();
        Member member = new Member(o.name(), o.address(), o.port(), o.tags(), status);
        if (status == MemberStatus.ALIVE) {
            pruneWhenGone.remove(o.name()); // it refuted or came back: a prune no longer waits for it
        }
        long changedAt = old != null && previous == status ? old.changedAtNanos() : nanoClock.getAsLong();
        entries.put(o.name(), new Entry(member, o.properties(), changedAt));
        return previous == status ? Optional.empty() : Optional.of(new Change(member, previous));
    }
}
