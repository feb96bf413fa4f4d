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
 *   <li>removed (SWIM dead) → left if it had announced its leave, else failed.</li>
 * </ul>
 * Failed members are reaped after the reconnect timeout and left ones after the tombstone timeout; a reaped member
 * is reported with status {@link MemberStatus#NONE}.
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

    /** What the pool reported about one member. */
    record Observed(String name, String address, int port, Map<String, String> properties) {
        Observed {
            properties = Map.copyOf(properties);
        }

        boolean leaving() {
            return LEAVING.equals(properties.get(STATUS_PROPERTY));
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
    private final Duration reconnectTimeout;
    private final Duration tombstoneTimeout;
    private final LongSupplier nanoClock;

    MemberView(Duration reconnectTimeout, Duration tombstoneTimeout, LongSupplier nanoClock) {
        this.reconnectTimeout = reconnectTimeout;
        this.tombstoneTimeout = tombstoneTimeout;
        this.nanoClock = nanoClock;
    }

    Optional<Change> added(Observed o) {
        return update(o, MemberStatus.ALIVE);
    }

    Optional<Change> metadataChanged(Observed o) {
        MemberStatus current = status(o.name());
        boolean live = current == MemberStatus.NONE || current == MemberStatus.ALIVE || current == MemberStatus.LEAVING;
        return update(o, live ? liveStatus(o) : current);
    }

    Optional<Change> reachabilityChanged(Observed o, boolean reachable) {
        MemberStatus current = status(o.name());
        if (current == MemberStatus.NONE) {
            return reachable ? update(o, liveStatus(o)) : Optional.empty();
        }
        if (reachable) {
            return update(o, liveStatus(o));
        }
        boolean live = current == MemberStatus.ALIVE || current == MemberStatus.LEAVING;
        return update(o, live && o.leaving() ? MemberStatus.LEFT : current);
    }

    Optional<Change> removed(Observed o) {
        MemberStatus current = status(o.name());
        boolean left = o.leaving() || current == MemberStatus.LEFT;
        return update(o, left ? MemberStatus.LEFT : MemberStatus.FAILED);
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
                reaped.add(new Change(e.member().withStatus(MemberStatus.NONE), s));
            }
        }
        return reaped;
    }

    MemberStatus status(String name) {
        Entry e = entries.get(name);
        return e == null ? MemberStatus.NONE : e.member().status();
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
        long changedAt = old != null && previous == status ? old.changedAtNanos() : nanoClock.getAsLong();
        entries.put(o.name(), new Entry(member, o.properties(), changedAt));
        return previous == status ? Optional.empty() : Optional.of(new Change(member, previous));
    }
}
