package dev.attache.cluster.impl;

import dev.attache.cluster.JoinException;
import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import dev.attache.cluster.Membership;
import dev.attache.cluster.MembershipListener;
import io.atomix.cluster.AtomixCluster;
import io.atomix.cluster.ClusterMembershipEvent;
import io.atomix.cluster.ClusterMembershipEventListener;
import io.atomix.cluster.ClusterConfig;
import io.atomix.utils.net.Address;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gossip pool run by a membership-only Atomix {@link AtomixCluster} with SWIM ({@link SafeSwimProtocol}) and
 * runtime joins by address ({@link DynamicDiscoveryProvider}); its events feed a {@link MemberView}.
 *
 * <p>Threading: pool events, joins' bookkeeping, reaping and listener calls all run on the agent's single
 * {@code events} thread; {@link #members()} reads a snapshot published after each change. Blocking work (DNS,
 * the TCP dial of a join) runs on the {@code blocking} executor.
 */
final class AtomixMembership implements Membership {

    private static final Logger log = LoggerFactory.getLogger(AtomixMembership.class);

    /** Consul's default LAN gossip port, used when a join address has none. */
    static final int DEFAULT_LAN_PORT = 8301;
    /** How long the TCP dial of a join may take. */
    static final Duration DIAL_TIMEOUT = Duration.ofSeconds(2);
    /** How long a join waits, after a successful dial, for the member at that address to show up. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final String nodeName;
    private final String poolName;
    private final InetAddress advertiseIp;
    private final int port;
    private final GossipTiming timing;
    private final ScheduledExecutorService events;
    private final Executor blocking;
    private final DynamicDiscoveryProvider discovery = new DynamicDiscoveryProvider();
    private final AtomixCluster cluster;
    private final MemberView view;
    private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();
    private final List<JoinWaiter> waiters = new ArrayList<>(); // events thread only
    private final ClusterMembershipEventListener eventListener = e -> submit(() -> onEvent(e));
    private volatile List<Member> snapshot = List.of();
    private volatile Map<String, Map<String, String>> propertySnapshot = Map.of();
    private volatile boolean stopped;
    private ScheduledFuture<?> reaper;

    private record JoinWaiter(InetAddress ip, int port, String hostPort, String seedId, CompletableFuture<Void> future) {
    }

    AtomixMembership(String nodeName, String poolName, String clusterId, InetAddress bindIp, InetAddress advertiseIp, int port,
                     Map<String, String> tags, GossipTiming timing,
                     ScheduledExecutorService events, Executor blocking) {
        this.nodeName = nodeName;
        this.poolName = poolName;
        this.advertiseIp = advertiseIp;
        this.port = port;
        this.timing = timing;
        this.events = events;
        this.blocking = blocking;
        this.view = new MemberView(timing.config().reconnectTimeout(), timing.config().tombstoneTimeout(), System::nanoTime);

        ClusterConfig config = new ClusterConfig().setClusterId(clusterId);
        config.getNodeConfig()
                .setId(nodeName)
                .setAddress(new Address(advertiseIp.getHostAddress(), port))
                .setProperties(properties(tags));
        config.getMessagingConfig()
                .setInterfaces(List.of(bindIp.getHostAddress()))
                .setPort(port)
                .setConnectTimeout(DIAL_TIMEOUT);
        config.setDiscoveryConfig(discovery.config());
        config.setProtocolConfig(new SafeSwimProtocol(timing.swimConfig()).config());
        this.cluster = new AtomixCluster(config, null);
    }

    private static Properties properties(Map<String, String> tags) {
        Properties p = new Properties();
        p.putAll(tags);
        // Always set every key: a restarted member's old values would otherwise linger on peers (ATOMIX.md).
        p.setProperty(MemberView.STATUS_PROPERTY, MemberView.ALIVE);
        return p;
    }

    /** Starts the pool; completes when it listens and gossips. */
    CompletableFuture<Void> start() {
        cluster.getMembershipService().addListener(eventListener);
        return cluster.start().thenCompose(v -> {
            CompletableFuture<Void> selfListed = new CompletableFuture<>();
            submit(() -> {
                // Atomix posts our own MEMBER_ADDED during start; make sure members() lists us once start completes.
                if (view.status(nodeName) == MemberStatus.NONE) {
                    publish(view.added(observe(cluster.getMembershipService().getLocalMember())).map(List::of).orElse(List.of()));
                }
                long period = timing.reapPeriod().toMillis();
                reaper = events.scheduleWithFixedDelay(() -> publish(view.reap()), period, period, TimeUnit.MILLISECONDS);
                log.info("{}: {} pool listening on {}", nodeName, poolName, JoinTarget.hostPort(advertiseIp, port));
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
        return snapshot.stream().filter(m -> m.name().equals(nodeName)).findFirst()
                .orElseGet(() -> new Member(nodeName, JoinTarget.ipLiteral(advertiseIp), port,
                        new MemberView.Observed(nodeName, JoinTarget.ipLiteral(advertiseIp), port, localProperties()).tags(),
                        MemberStatus.ALIVE));
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

    /** Sets one of this member's properties; gossiped on the next gossip tick. Keys are never removed. */
    void setLocalProperty(String key, String value) {
        cluster.getMembershipService().getLocalMember().properties().setProperty(key, value);
    }

    /** The properties last gossiped by each known member (reserved ones included), this agent's own included. */
    Map<String, Map<String, String>> properties() {
        Map<String, Map<String, String>> all = new HashMap<>(propertySnapshot);
        all.put(nodeName, localProperties());
        return all;
    }

    private Map<String, String> localProperties() {
        return toMap(cluster.getMembershipService().getLocalMember().properties());
    }

    // ---- join ----

    @Override
    public CompletableFuture<Void> join(String address) {
        return joinOne(address).handle((v, e) -> {
            if (e != null) {
                throw new CompletionException(new JoinException(JoinTarget.multiError(List.of(failureLine(e)))));
            }
            return null;
        });
    }

    /** Joins several addresses; completes with the number that answered, or fails with Consul's multi-error. */
    CompletableFuture<Integer> joinAll(List<String> addresses) {
        List<CompletableFuture<String>> attempts = addresses.stream()
                .map(a -> joinOne(a).handle((v, e) -> e == null ? null : failureLine(e)))
                .toList();
        return CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<String> errors = attempts.stream().map(CompletableFuture::join).filter(l -> l != null).toList();
            if (errors.size() == addresses.size()) {
                throw new CompletionException(new JoinException(JoinTarget.multiError(errors)));
            }
            return addresses.size() - errors.size();
        });
    }

    /**
     * Joins the addresses now and, until one answers, again every retry interval in the background
     * (Consul's {@code retry_join}). Each failed round is logged at WARN.
     */
    void retryJoin(List<String> addresses) {
        if (addresses.isEmpty() || stopped) {
            return;
        }
        joinAll(addresses).whenComplete((n, e) -> {
            if (e == null) {
                log.info("{}: Join {} completed. Synced with {} initial agent(s)", nodeName, poolName, n);
            } else if (!stopped) {
                Duration every = timing.retryJoinInterval();
                log.warn("{}: Join {} failed, will retry in {} ms: {}", nodeName, poolName, every.toMillis(),
                        failureLine(e).strip().replace("\n\t", " "));
                try {
                    events.schedule(() -> retryJoin(addresses), every.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException stoppedMeanwhile) {
                    log.debug("{}: retry join dropped at stop", nodeName);
                }
            }
        });
    }

    private static String failureLine(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage();
    }

    private CompletableFuture<Void> joinOne(String address) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (stopped) {
            result.completeExceptionally(new JoinTarget.Failure("Failed to join " + address + ": agent is shutting down"));
            return result;
        }
        blocking.execute(() -> {
            try {
                JoinTarget target = JoinTarget.parse(address, DEFAULT_LAN_PORT);
                InetAddress ip = target.resolve();
                String hostPort = JoinTarget.hostPort(ip, target.port());
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(ip, target.port()), (int) DIAL_TIMEOUT.toMillis());
                } catch (IOException e) {
                    throw new JoinTarget.Failure(JoinTarget.dialFailure(hostPort, e));
                }
                submit(() -> awaitMember(ip, target.port(), hostPort, result));
            } catch (JoinTarget.Failure f) {
                result.completeExceptionally(f);
            } catch (RuntimeException e) {
                result.completeExceptionally(new JoinTarget.Failure("Failed to join " + address + ": " + e));
            }
        });
        return result;
    }

    private void awaitMember(InetAddress ip, int targetPort, String hostPort, CompletableFuture<Void> result) {
        if (stopped) {
            result.completeExceptionally(new JoinTarget.Failure("Failed to join " + hostPort + ": agent is shutting down"));
            return;
        }
        if (findLive(ip, targetPort).isPresent()) {
            result.complete(null);
            return;
        }
        Address seed = new Address(ip.getHostAddress(), targetPort);
        JoinWaiter waiter = new JoinWaiter(ip, targetPort, hostPort, discovery.addSeed(seed), result);
        waiters.add(waiter);
        long every = timing.config().probeInterval().toMillis();
        ScheduledFuture<?> nudge = events.scheduleWithFixedDelay(() -> {
            if (!waiter.future().isDone()) {
                discovery.addSeed(seed); // re-announce: SWIM probes a JOINed node at once
            }
        }, every, every, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> timeout = events.schedule(() -> {
            if (waiters.remove(waiter)) {
                dropSeedIfUnused(waiter.seedId());
                result.completeExceptionally(new JoinTarget.Failure(
                        "Failed to join " + hostPort + ": read tcp " + hostPort + ": i/o timeout"));
            }
        }, JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((v, e) -> {
            nudge.cancel(false);
            timeout.cancel(false);
        });
    }

    private void settleJoins() {
        for (JoinWaiter w : List.copyOf(waiters)) {
            if (findLive(w.ip(), w.port()).isPresent()) {
                waiters.remove(w);
                w.future().complete(null);
            }
        }
        discovery.seeds().forEach((id, address) -> {
            InetAddress ip = address.address();
            if (ip != null && findLive(ip, address.port()).isPresent()) {
                dropSeedIfUnused(id);
            }
        });
    }

    private void dropSeedIfUnused(String seedId) {
        if (waiters.stream().noneMatch(w -> w.seedId().equals(seedId))) {
            discovery.remove(seedId);
        }
    }

    private Optional<Member> findLive(InetAddress ip, int targetPort) {
        return snapshot.stream()
                .filter(m -> m.port() == targetPort)
                .filter(m -> m.status() == MemberStatus.ALIVE || m.status() == MemberStatus.LEAVING)
                .filter(m -> sameHost(m.address(), ip))
                .findFirst();
    }

    private static boolean sameHost(String literal, InetAddress ip) {
        try {
            InetAddress a = InetAddress.getByName(literal); // an IP literal: no lookup
            return a.equals(ip) || (isLocal(a) && isLocal(ip));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isLocal(InetAddress a) {
        try {
            return a.isLoopbackAddress() || a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    // ---- events ----

    private void onEvent(ClusterMembershipEvent event) {
        io.atomix.cluster.Member subject = event.subject();
        MemberView.Observed o = observe(subject);
        Optional<MemberView.Change> change = switch (event.type()) {
            case MEMBER_ADDED -> view.added(o);
            case METADATA_CHANGED -> view.metadataChanged(o);
            case REACHABILITY_CHANGED -> view.reachabilityChanged(o, isReachable(subject));
            case MEMBER_REMOVED -> view.removed(o);
        };
        publish(change.map(List::of).orElse(List.of()));
    }

    /** The event's copy always says unreachable for remote members (ATOMIX.md): ask the protocol instead. */
    private boolean isReachable(io.atomix.cluster.Member subject) {
        if (subject.id().id().equals(nodeName)) {
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
            } else if (!m.name().equals(nodeName) || c.previous() != MemberStatus.NONE) {
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
        settleJoins();
    }

    private static InetAddress parseLiteral(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    private void submit(Runnable task) {
        try {
            events.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("{}: {} pool task failed", nodeName, poolName, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stoppedAlready) {
            log.debug("{}: {} pool event after stop ignored", nodeName, poolName);
        }
    }

    // ---- leave / stop ----

    /** Announces a graceful leave (status leaving) and completes once it had time to gossip. */
    CompletableFuture<Void> announceLeave() {
        setLocalProperty(MemberView.STATUS_PROPERTY, MemberView.LEAVING);
        log.info("{}: {} pool: leaving", nodeName, poolName);
        CompletableFuture<Void> done = new CompletableFuture<>();
        events.schedule(() -> done.complete(null), timing.leavePropagateDelay().toMillis(), TimeUnit.MILLISECONDS);
        return done;
    }

    CompletableFuture<Void> stop() {
        stopped = true;
        submit(() -> {
            if (reaper != null) {
                reaper.cancel(false);
            }
            for (JoinWaiter w : List.copyOf(waiters)) {
                w.future().completeExceptionally(
                        new JoinTarget.Failure("Failed to join " + w.hostPort() + ": agent is shutting down"));
            }
            waiters.clear();
        });
        cluster.getMembershipService().removeListener(eventListener);
        return cluster.stop();
    }
}
