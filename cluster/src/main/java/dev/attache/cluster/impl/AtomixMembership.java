package dev.attache.cluster.impl;

import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import dev.attache.cluster.Membership;
import dev.attache.cluster.MembershipListener;
import dev.attache.cluster.NetworkFaults;
import dev.attache.cluster.UnknownMemberException;
import io.atomix.cluster.AtomixCluster;
import io.atomix.cluster.ClusterConfig;
import io.atomix.cluster.ClusterMembershipEvent;
import io.atomix.cluster.ClusterMembershipEventListener;
import io.atomix.cluster.MemberId;
import io.atomix.utils.net.Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gossip pool (a datacenter's LAN pool or the servers' WAN pool) run by a membership-only Atomix cluster
 * ({@link PoolAtomixCluster}) with SWIM ({@link SafeSwimProtocol}) and runtime joins by address
 * ({@link PoolJoiner}); its events feed a {@link MemberView}.
 *
 * <p>What SWIM lacks is added here: a graceful leave and Consul's force-leave travel as {@link PoolMessages} intents
 * to every member; a live member refutes a force-leave by raising its {@link MemberView#REFUTE_PROPERTY}; and a
 * member that left or was erased is listed again only after it answered a ping, so that lingering gossip about a
 * dead member cannot bring it back.
 *
 * <p>Threading: pool events, intents, joins' bookkeeping, reaping and listener calls all run on the agent's single
 * {@code events} thread; {@link #members()} reads a snapshot published after each change. Blocking work (DNS,
 * the TCP dial of a join) runs on the {@code blocking} executor.
 */
final class AtomixMembership implements Membership {

    private static final Logger log = LoggerFactory.getLogger(AtomixMembership.class);

    /** How long the TCP dial of a join (and Atomix's own connects) may take. */
    static final Duration DIAL_TIMEOUT = PoolJoiner.DIAL_TIMEOUT;
    /** Serf's BroadcastTimeout: how long a force-leave waits for its broadcast to be delivered. */
    static final Duration BROADCAST_TIMEOUT = Duration.ofSeconds(5);

    /**
     * What distinguishes one pool.
     *
     * @param name        {@code LAN} or {@code WAN}, for logs
     * @param id          its Atomix cluster id (pools with different ids cannot talk) and description
     * @param memberId    this agent's member name in the pool ({@code node} on LAN, {@code node.dc} on WAN)
     * @param defaultPort the gossip port assumed for join addresses without one (8301 LAN, 8302 WAN)
     * @param listeners   everything the agent listens with, this pool among them: a join that reaches another one
     *                    names it
     */
    record Pool(String name, MessagingHandshake.Listener id, String memberId, int defaultPort,
                List<MessagingHandshake.Listener> listeners) {
    }

    private final String nodeName;
    private final String poolName;
    private final String memberId;
    private final InetAddress advertiseIp;
    private final int port;
    private final GossipTiming timing;
    private final ScheduledExecutorService events;
    private final AtomixCluster cluster;
    private final SafeSwimProtocol swim;
    private final MemberView view;
    private final PoolJoiner joiner;
    private final PoolMessages messages;
    private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> confirming = new HashSet<>(); // events thread only
    private final ClusterMembershipEventListener eventListener = e -> submit(() -> onEvent(e));
    private volatile List<Member> snapshot = List.of();
    private volatile Map<String, Map<String, String>> propertySnapshot = Map.of();
    private volatile boolean stopped;
    private ScheduledFuture<?> reaper;
    private ScheduledFuture<?> reconnector;

    AtomixMembership(String nodeName, Pool pool, InetAddress bindIp, InetAddress advertiseIp, int port,
                     Map<String, String> tags, GossipTiming timing, ScheduledExecutorService events, Executor blocking,
                     NetworkFaults faults) {
        this.nodeName = nodeName;
        this.poolName = pool.name();
        this.memberId = pool.memberId();
        this.advertiseIp = advertiseIp;
        this.port = port;
        this.timing = timing;
        this.events = events;
        this.view = new MemberView(timing.config().reconnectTimeout(), timing.config().tombstoneTimeout(), System::nanoTime);

        DynamicDiscoveryProvider discovery = new DynamicDiscoveryProvider();
        ClusterConfig config = new ClusterConfig().setClusterId(pool.id().clusterId());
        config.getNodeConfig()
                .setId(memberId)
                .setAddress(new Address(advertiseIp.getHostAddress(), port))
                .setProperties(properties(tags));
        config.getMessagingConfig()
                .setInterfaces(List.of(bindIp.getHostAddress()))
                .setPort(port)
                .setConnectTimeout(DIAL_TIMEOUT);
        config.setDiscoveryConfig(discovery.config());
        this.swim = new SafeSwimProtocol(timing);
        config.setProtocolConfig(swim.config());
        this.cluster = new PoolAtomixCluster(config, faults);
        this.joiner = new PoolJoiner(nodeName, poolName, pool.id(), pool.listeners(), pool.defaultPort(), timing,
                swim::pushPull, events, blocking);
        this.messages = new PoolMessages(nodeName, poolName, cluster);
    }

    private static Properties properties(Map<String, String> tags) {
        Properties p = new Properties();
        p.putAll(tags);
        // Always set every key: a restarted member's old values would otherwise linger on peers (ATOMIX.md).
        p.setProperty(MemberView.STATUS_PROPERTY, MemberView.ALIVE);
        p.setProperty(MemberView.REFUTE_PROPERTY, "0");
        return p;
    }

    /** How long a member of this pool stays suspect before it is declared failed, at the pool's present size. */
    Duration suspicionTimeout() {
        return swim.suspicionTimeout();
    }

    /** Starts the pool; completes when it listens and gossips. */
    CompletableFuture<Void> start() {
        cluster.getMembershipService().addListener(eventListener);
        messages.start(this::onIntent, this::submit);
        return cluster.start().thenCompose(v -> {
            CompletableFuture<Void> selfListed = new CompletableFuture<>();
            submit(() -> {
                // Atomix posts our own MEMBER_ADDED during start; make sure members() lists us once start completes.
                if (view.status(memberId) == MemberStatus.NONE) {
                    publish(view.added(observe(cluster.getMembershipService().getLocalMember())).stream().toList());
                }
                long period = timing.reapPeriod().toMillis();
                reaper = events.scheduleWithFixedDelay(() -> publish(view.reap()), period, period, TimeUnit.MILLISECONDS);
                long every = timing.reconnectInterval().toMillis();
                reconnector = events.scheduleWithFixedDelay(() -> submit(this::reconnect), every, every,
                        TimeUnit.MILLISECONDS);
                log.info("{}: {} pool listening on {} as {}", nodeName, poolName, JoinTarget.hostPort(advertiseIp, port),
                        memberId);
                selfListed.complete(null);
            });
            return selfListed;
        });
    }

    int port() {
        return port;
    }

    @Override
    public Member localMember() {
        return snapshot.stream().filter(m -> m.name().equals(memberId)).findFirst()
                .orElseGet(() -> new Member(memberId, JoinTarget.ipLiteral(advertiseIp), port,
                        new MemberView.Observed(memberId, JoinTarget.ipLiteral(advertiseIp), port, localProperties()).tags(),
                        MemberStatus.ALIVE));
    }

    /** The pool's messaging, for request/response exchanges between agents (ACL forwarding). */
    io.atomix.cluster.messaging.ClusterCommunicationService communication() {
        return cluster.getCommunicationService();
    }

    @Override
    public List<Member> members() {
        return snapshot;
    }

    @Override
    public Registration addListener(MembershipListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Serf's reconnect: now and then, probe the address of one failed member at random, so that members which
     * all failed together (a restart of every server, a healed partition) find each other again without anyone
     * joining. As in Serf, a round runs with probability failed / alive, so a mostly healthy pool rarely bothers.
     */
    private void reconnect() {
        List<Member> failed = new ArrayList<>();
        int alive = 0;
        for (Member m : snapshot) {
            if (m.status() == MemberStatus.FAILED) {
                failed.add(m);
            } else if (m.status() == MemberStatus.ALIVE) {
                alive++;
            }
        }
        if (failed.isEmpty()) {
            return;
        }
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        if (random.nextDouble() > (double) failed.size() / Math.max(1, alive)) {
            return;
        }
        Member m = failed.get(random.nextInt(failed.size()));
        log.debug("{}: {} attempting to reconnect to {} at {}:{}", nodeName, poolName, m.name(), m.address(), m.port());
        String host = m.address().contains(":") ? "[" + m.address() + "]" : m.address();
        joiner.reconnect(host + ":" + m.port());
    }

    @Override
    public CompletableFuture<Void> join(String address) {
        return joiner.join(address);
    }

    /** Joins now and keeps retrying in the background until one address answers (Consul's retry_join). */
    void retryJoin(List<String> addresses) {
        joiner.retryJoin(addresses);
    }

    /** Sets one of this member's properties; gossiped on the next gossip tick. Keys are never removed. */
    void setLocalProperty(String key, String value) {
        cluster.getMembershipService().getLocalMember().properties().setProperty(key, value);
    }

    /** The properties last gossiped by each known member (reserved ones included), this agent's own included. */
    Map<String, Map<String, String>> properties() {
        Map<String, Map<String, String>> all = new HashMap<>(propertySnapshot);
        all.put(memberId, localProperties());
        return all;
    }

    private Map<String, String> localProperties() {
        return toMap(cluster.getMembershipService().getLocalMember().properties());
    }

    // ---- force-leave and leave intents ----

    @Override
    public CompletableFuture<Void> forceLeave(String node, boolean prune) {
        CompletableFuture<PoolMessages.Intent> applied = new CompletableFuture<>();
        if (stopped || !submit(() -> {
            if (view.status(node) == MemberStatus.NONE) {
                applied.completeExceptionally(new UnknownMemberException(node));
                return;
            }
            PoolMessages.Intent intent = PoolMessages.Intent.forceLeave(node, prune, view.refute(node));
            log.info("{}: {} force-leave of {}{}", nodeName, poolName, node, prune ? " (prune)" : "");
            applyForceLeave(intent);
            applied.complete(intent);
        })) {
            return CompletableFuture.failedFuture(new IllegalStateException("agent is shutting down"));
        }
        return applied.thenCompose(intent -> messages.broadcast(intent, BROADCAST_TIMEOUT)).thenAccept(delivery -> {
            if (delivery.targets() > 0 && delivery.acknowledged() == 0) {
                throw new CompletionException(new dev.attache.cluster.BroadcastTimeoutException());
            }
        });
    }

    private void onIntent(PoolMessages.Intent intent) {
        switch (intent.type()) {
            case PoolMessages.Intent.FORCE_LEAVE -> {
                if (view.status(intent.node()) == MemberStatus.NONE) {
                    log.debug("{}: {} force-leave of unknown member {} ignored", nodeName, poolName, intent.node());
                    return;
                }
                applyForceLeave(intent);
            }
            case PoolMessages.Intent.LEAVE -> publish(view.leaveAnnounced(intent.node()).stream().toList());
            default -> log.debug("{}: {} unknown intent {} ignored", nodeName, poolName, intent.type());
        }
    }

    /** Events thread. About this member itself, a force-leave is refuted; otherwise it changes the view. */
    private void applyForceLeave(PoolMessages.Intent intent) {
        if (intent.node().equals(memberId)) {
            Map<String, String> own = localProperties();
            if (MemberView.LEAVING.equals(own.get(MemberView.STATUS_PROPERTY))) {
                return; // leaving for real: nothing to refute
            }
            long refute = Math.max(MemberView.parseRefute(own.get(MemberView.REFUTE_PROPERTY)), intent.refute()) + 1;
            log.info("{}: {} refuting a force-leave of this member (refute {})", nodeName, poolName, refute);
            setLocalProperty(MemberView.REFUTE_PROPERTY, Long.toString(refute));
            return;
        }
        publish(view.forceLeave(intent.node(), intent.prune(), intent.refute()));
    }

    /** Announces a graceful leave (status leaving, also told to every member) and completes once it had time to spread. */
    CompletableFuture<Void> announceLeave() {
        if (stopped) {
            return CompletableFuture.completedFuture(null);
        }
        setLocalProperty(MemberView.STATUS_PROPERTY, MemberView.LEAVING);
        log.info("{}: {} pool: leaving", nodeName, poolName);
        Duration delay = timing.leavePropagateDelay();
        CompletableFuture<Void> told = messages.broadcast(PoolMessages.Intent.leave(memberId), delay)
                .handle((delivery, e) -> null);
        CompletableFuture<Void> waited = new CompletableFuture<>();
        events.schedule(() -> waited.complete(null), delay.toMillis(), TimeUnit.MILLISECONDS);
        return CompletableFuture.allOf(told, waited);
    }

    // ---- events ----

    private void onEvent(ClusterMembershipEvent event) {
        io.atomix.cluster.Member subject = event.subject();
        MemberView.Observed o = observe(subject);
        boolean reachable = event.type() == ClusterMembershipEvent.Type.REACHABILITY_CHANGED && isReachable(subject);
        boolean sighting = switch (event.type()) {
            case MEMBER_ADDED -> true;
            case REACHABILITY_CHANGED -> reachable;
            case METADATA_CHANGED -> view.erased(o.name());
            case MEMBER_REMOVED -> false;
        };
        if (sighting && !o.name().equals(memberId) && view.needsConfirmation(o.name())) {
            confirm(o.name());
            return;
        }
        Optional<MemberView.Change> change = switch (event.type()) {
            case MEMBER_ADDED -> view.added(o);
            case METADATA_CHANGED -> view.metadataChanged(o);
            case REACHABILITY_CHANGED -> view.reachabilityChanged(o, reachable);
            case MEMBER_REMOVED -> view.removed(o);
        };
        publish(change.stream().toList());
        if (event.type() == ClusterMembershipEvent.Type.REACHABILITY_CHANGED && change.isEmpty()
                && view.status(o.name()) == MemberStatus.ALIVE && !o.name().equals(memberId)) {
            view.get(o.name()).ifPresent(m -> publishSuspicion(m, !reachable));
        }
    }

    /** SWIM suspicion of an alive member, which the view does not show as a status (see MemberView). */
    private void publishSuspicion(Member m, boolean suspect) {
        for (MembershipListener l : listeners) {
            try {
                l.suspicionChanged(m, suspect);
            } catch (RuntimeException e) {
                log.warn("{}: membership listener failed on {}", nodeName, m.name(), e);
            }
        }
    }

    /**
     * SWIM reports a member that left or was erased as alive again. That may be stale gossip about a dead member, so
     * the member is listed again only once it answers a ping; while SWIM still holds it alive, the ping is retried
     * every probe interval.
     */
    private void confirm(String name) {
        if (stopped || !confirming.add(name)) {
            return;
        }
        messages.ping(name, timing.confirmTimeout()).whenComplete((v, e) -> submit(() -> {
            confirming.remove(name);
            if (stopped || !view.needsConfirmation(name)) {
                return;
            }
            io.atomix.cluster.Member current = cluster.getMembershipService().getMember(MemberId.from(name));
            if (e == null && current != null) {
                log.info("{}: {} member {} answered: listed again", nodeName, poolName, name);
                publish(view.revived(observe(current)).stream().toList());
            } else if (current != null && current.isReachable()) {
                schedule(() -> confirm(name), timing.config().probeInterval());
            }
        }));
    }

    /** The event's copy always says unreachable for remote members (ATOMIX.md): ask the protocol instead. */
    private boolean isReachable(io.atomix.cluster.Member subject) {
        if (subject.id().id().equals(memberId)) {
            return true;
        }
        io.atomix.cluster.Member current = cluster.getMembershipService().getMember(subject.id());
        return current != null && current.isReachable();
    }

    private static MemberView.Observed observe(io.atomix.cluster.Member m) {
        Address a = m.address();
        InetAddress ip = a.address();
        String literal = ip != null ? JoinTarget.ipLiteral(ip) : a.host();
        return new MemberView.Observed(m.id().id(), literal, a.port(), toMap(m.properties()));
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> map = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            map.put(key, p.getProperty(key));
        }
        return map;
    }

    private void publish(List<MemberView.Change> changes) {
        snapshot = view.snapshot();
        propertySnapshot = view.properties();
        for (MemberView.Change c : changes) {
            Member m = c.member();
            if (m.status() == MemberStatus.NONE) {
                log.info("{}: {} member reaped: {} (was {})", nodeName, poolName, m.name(), c.previous().word());
            } else if (!m.name().equals(memberId) || c.previous() != MemberStatus.NONE) {
                log.info("{}: {} member {}: {} {}", nodeName, poolName, m.status().word(), m.name(),
                        JoinTarget.hostPort(parseLiteral(m.address()), m.port()));
            }
            for (MembershipListener l : listeners) {
                try {
                    l.statusChanged(m, c.previous());
                } catch (RuntimeException e) {
                    log.warn("{}: membership listener failed on {}", nodeName, m.name(), e);
                }
            }
        }
    }

    private static InetAddress parseLiteral(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    /** Runs the task on the events thread; false when the agent has stopped. */
    private boolean submit(Runnable task) {
        try {
            events.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("{}: {} pool task failed", nodeName, poolName, e);
                }
            });
            return true;
        } catch (RejectedExecutionException stoppedAlready) {
            log.debug("{}: {} pool event after stop ignored", nodeName, poolName);
            return false;
        }
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            events.schedule(() -> submit(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stoppedAlready) {
            log.debug("{}: {} pool task after stop ignored", nodeName, poolName);
        }
    }

    // ---- stop ----

    CompletableFuture<Void> stop() {
        stopped = true;
        joiner.stopping();
        submit(() -> {
            if (reaper != null) {
                reaper.cancel(false);
            }
            if (reconnector != null) {
                reconnector.cancel(false);
            }
        });
        cluster.getMembershipService().removeListener(eventListener);
        messages.stop();
        return cluster.stop();
    }
}
