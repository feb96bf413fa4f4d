package dev.attache.agent.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Timer;
import dev.attache.cluster.AclReplicationStatus;
import dev.attache.cluster.Leadership;
import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import dev.attache.cluster.Membership;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Consul's membership and Raft metrics from what the cluster module exposes: Serf's member event counters from the
 * LAN pool's listener, member counts, and leadership as the metrics thread sees it once a second.
 */
public final class ClusterMetrics {
    private ClusterMetrics() {
    }

    /**
     * Counts the LAN pool's events ({@code serf.member.join}, {@code .failed}, {@code .left}) and gauges its alive
     * members by role ({@code members.servers}, {@code members.clients}).
     *
     * @return the listener's handle, to remove at stop
     */
    public static Membership.Registration watchMembership(AgentMetrics metrics, Membership lan) {
        Counter join = metrics.counter("serf.member.join");
        Counter failed = metrics.counter("serf.member.failed");
        Counter left = metrics.counter("serf.member.left");
        metrics.gauge("members.servers", () -> alive(lan, true));
        metrics.gauge("members.clients", () -> alive(lan, false));
        return lan.addListener((Member member, MemberStatus previous) -> {
            switch (member.status()) {
                case ALIVE -> {
                    if (previous != MemberStatus.ALIVE && previous != MemberStatus.LEAVING) {
                        join.inc(); // new, or back after failing or leaving; a refuted leave is no join
                    }
                }
                case FAILED -> failed.inc();
                case LEFT -> left.inc();
                default -> { }
            }
        });
    }

    /**
     * On a server: {@code server.isLeader} (1 or 0), {@code raft.state.leader} (times this server became leader, seen
     * once a second) and {@code raft.leader.lastContact} (milliseconds since the leader was last heard from, sampled
     * once a second on a follower).
     */
    public static void watchLeadership(AgentMetrics metrics, Leadership leadership) {
        metrics.gauge("server.isLeader", () -> leadership.isLeader() ? 1 : 0);
        Counter becameLeader = metrics.counter("raft.state.leader");
        Timer lastContact = metrics.timer("raft.leader.lastContact");
        boolean[] wasLeader = {false}; // only the metrics thread touches it
        metrics.everySecond(() -> {
            boolean leader = leadership.isLeader();
            if (leader && !wasLeader[0]) {
                becameLeader.inc();
            }
            wasLeader[0] = leader;
            if (!leader && leadership.leader().isPresent()) {
                lastContact.update(leadership.lastContactMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /**
     * On a server of a secondary datacenter: Consul's replication gauges, {@code leader.replication.acl-policies},
     * {@code .acl-roles} and {@code .acl-tokens}, each with {@code .status} (1 while the last round succeeded, 0
     * after a failure) and {@code .index} (the primary's index replicated). Sampled once a second while this server
     * leads, as only Consul's leader emits them; they keep their last values otherwise.
     */
    public static void watchReplication(AgentMetrics metrics, Leadership leadership,
                                        Supplier<CompletableFuture<AclReplicationStatus>> status) {
        AtomicLong healthy = new AtomicLong();
        AtomicLong policies = new AtomicLong();
        AtomicLong tokens = new AtomicLong();
        for (String kind : new String[] {"acl-policies", "acl-roles", "acl-tokens"}) {
            metrics.gauge("leader.replication." + kind + ".status", healthy::get);
        }
        metrics.gauge("leader.replication.acl-policies.index", policies::get);
        metrics.gauge("leader.replication.acl-roles.index", policies::get); // no roles: as replicated as policies
        metrics.gauge("leader.replication.acl-tokens.index", tokens::get);
        metrics.everySecond(() -> {
            if (!leadership.isLeader()) {
                return;
            }
            AclReplicationStatus s = status.get().getNow(null); // the leader's own: answered at once
            if (s == null || !s.enabled()) {
                return;
            }
            boolean ok = s.lastSuccess() != null
                    && (s.lastError() == null || !s.lastError().isAfter(s.lastSuccess()));
            healthy.set(ok ? 1 : 0);
            policies.set(s.replicatedIndex());
            tokens.set(s.replicatedTokenIndex());
        });
    }

    private static long alive(Membership lan, boolean servers) {
        return lan.members().stream().filter(m -> m.status() == MemberStatus.ALIVE && m.isServer() == servers).count();
    }
}
