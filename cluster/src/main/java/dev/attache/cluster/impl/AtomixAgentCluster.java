package dev.attache.cluster.impl;

import dev.attache.cluster.AgentCluster;
import dev.attache.cluster.ClusterConfig;
import dev.attache.cluster.Leadership;
import dev.attache.cluster.Membership;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's cluster presence on Atomix 3.1.12: its datacenter's LAN pool ({@link AtomixMembership}, cluster id
 * {@code lan-<dc>}, member id = node name) and, on a server, its datacenter's Raft group ({@link RaftGroup},
 * cluster id {@code raft-<dc>}).
 *
 * <p>Ports given as 0 are picked here (free for TCP and UDP), because Atomix needs a concrete port before it builds.
 * Published LAN tags are the configured ones plus defaults Consul always sets when missing ({@code role},
 * {@code dc}, {@code id}) and, on a server, {@code port} = the server port actually bound.
 *
 * <p>SWIM timing comes from {@link ClusterConfig#gossipLan()}; the mapping onto Atomix's settings is documented
 * in {@link GossipTiming}. Member statuses follow {@link MemberView}.
 *
 * <p>Each agent owns two daemon executors: one single thread for pool events and bookkeeping, one for blocking
 * work (DNS, dials of joins, building Atomix). Nothing is static: many agents may share a JVM.
 */
public final class AtomixAgentCluster implements AgentCluster {

    private static final Logger log = LoggerFactory.getLogger(AtomixAgentCluster.class);

    /** Bound on each stop step (Raft, then LAN); Atomix's own stop takes 2–3 s. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int BIND_ATTEMPTS = 3;

    private final ClusterConfig config;
    private final ScheduledExecutorService events;
    private final ExecutorService blocking;
    private final AtomixMembership lan;
    private final RaftGroup raft;
    private final RaftLeadership leadership;
    private final int serverPort;
    private final Object stopLock = new Object();
    private CompletableFuture<Void> stopFuture;

    private AtomixAgentCluster(ClusterConfig config, ScheduledExecutorService events, ExecutorService blocking,
                               AtomixMembership lan, RaftGroup raft, int serverPort) {
        this.config = config;
        this.events = events;
        this.blocking = blocking;
        this.lan = lan;
        this.raft = raft;
        this.serverPort = serverPort;
        this.leadership = new RaftLeadership(config.nodeName(), raft, lan);
    }

    /** Starts an agent's pools; completes once the LAN pool is up. Raft and retry-join continue in the background. */
    public static CompletableFuture<AgentCluster> start(ClusterConfig config) {
        String node = config.nodeName();
        ScheduledExecutorService events = Executors.newSingleThreadScheduledExecutor(daemon("attache-cluster-" + node));
        ExecutorService blocking = Executors.newCachedThreadPool(daemon("attache-cluster-io-" + node));
        return CompletableFuture.supplyAsync(() -> startLan(config, events, blocking), blocking)
                .thenApply(cluster -> {
                    cluster.afterLanStarted();
                    return (AgentCluster) cluster;
                })
                .whenComplete((c, e) -> {
                    if (e != null) {
                        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                                ? e.getCause() : e;
                        if (cause instanceof dev.attache.cluster.PortInUseException) {
                            log.error("{}: cluster start failed: {}", node, cause.getMessage());
                        } else {
                            log.error("{}: cluster start failed", node, cause);
                        }
                        events.shutdownNow();
                        blocking.shutdownNow();
                    }
                });
    }

    private static AtomixAgentCluster startLan(ClusterConfig config, ScheduledExecutorService events,
                                               ExecutorService blocking) {
        String node = config.nodeName();
        InetAddress bindIp = ip(config.bindAddress());
        InetAddress advertiseIp = advertise(bindIp);
        GossipTiming timing = new GossipTiming(config.gossipLan());
        int serverPort = !config.server() ? 0
                : config.serverPort() == 0 ? FreePorts.pick(bindIp) : config.serverPort();
        if (config.serfLanPort() != 0) {
            FreePorts.requireFree(bindIp, config.serfLanPort(), true, "LAN gossip");
        }
        if (config.server() && config.serverPort() != 0) {
            FreePorts.requireFree(bindIp, serverPort, false, "Server RPC");
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            int lanPort = config.serfLanPort() == 0 ? FreePorts.pick(bindIp) : config.serfLanPort();
            AtomixMembership lan = new AtomixMembership(node, "LAN", "lan-" + config.datacenter(), bindIp, advertiseIp,
                    lanPort, tags(config, serverPort), timing, events, blocking);
            try {
                lan.start().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                last = new IllegalStateException(node + ": LAN pool failed to start on "
                        + JoinTarget.hostPort(advertiseIp, lanPort), e);
                lan.stop().orTimeout(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).exceptionally(x -> null).join();
                if (config.serfLanPort() != 0) {
                    break; // a configured port will not free itself
                }
                log.warn("{}: LAN pool failed to start on port {}, trying another: {}", node, lanPort, e.toString());
                continue;
            }
            RaftGroup raft = config.server()
                    ? new RaftGroup(node, config.datacenter(), bindIp, advertiseIp, serverPort, config.bootstrapExpect(),
                            config.dataDir(), timing, lan, events, blocking)
                    : null;
            return new AtomixAgentCluster(config, events, blocking, lan, raft, serverPort);
        }
        throw last;
    }

    private void afterLanStarted() {
        if (raft != null) {
            raft.start();
        }
        lan.retryJoin(config.retryJoin());
    }

    static Map<String, String> tags(ClusterConfig config, int serverPort) {
        Map<String, String> tags = new HashMap<>(config.tags());
        tags.putIfAbsent("role", config.server() ? "consul" : "node");
        tags.putIfAbsent("dc", config.datacenter());
        tags.putIfAbsent("id", config.nodeId());
        if (config.server()) {
            tags.put("port", Integer.toString(serverPort));
        }
        return tags;
    }

    @Override
    public Membership lan() {
        return lan;
    }

    @Override
    public Leadership leadership() {
        return leadership;
    }

    @Override
    public int serfLanPort() {
        return lan.port();
    }

    @Override
    public int serverPort() {
        return serverPort;
    }

    /**
     * Leaves gracefully: announces {@code leaving} in the LAN pool (others show this member as leaving, then left,
     * not failed), waits for the announcement to gossip, then {@link #stop()}s. The Raft group's static membership
     * is not changed.
     */
    public CompletableFuture<Void> leave() {
        return lan.announceLeave()
                .orTimeout(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> {
                    log.warn("{}: leave announcement failed: {}", config.nodeName(), e.toString());
                    return null;
                })
                .thenCompose(v -> stop());
    }

    @Override
    public CompletableFuture<Void> stop() {
        synchronized (stopLock) {
            if (stopFuture != null) {
                return stopFuture;
            }
            String node = config.nodeName();
            CompletableFuture<Void> raftStopped = raft == null ? CompletableFuture.completedFuture(null)
                    : bounded(() -> raft.stop(), "Raft group");
            stopFuture = raftStopped
                    .thenCompose(v -> bounded(lan::stop, "LAN pool"))
                    .whenComplete((v, e) -> {
                        events.shutdownNow();
                        blocking.shutdownNow();
                        log.info("{}: cluster stopped", node);
                    });
            return stopFuture;
        }
    }

    private CompletableFuture<Void> bounded(java.util.function.Supplier<CompletableFuture<Void>> step, String what) {
        CompletableFuture<Void> f;
        try {
            f = step.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).handle((v, e) -> {
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                log.warn("{}: stopping the {} failed, continuing: {}", config.nodeName(), what, cause.toString());
            }
            return null;
        });
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind address is not an IP address: " + literal, e);
        }
    }

    /** The address others reach us at: the bind address, or this host's address when binding the wildcard. */
    private static InetAddress advertise(InetAddress bindIp) {
        if (!bindIp.isAnyLocalAddress()) {
            return bindIp;
        }
        try {
            return InetAddress.getLocalHost();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "AtomixAgentCluster[" + config.nodeName() + "]";
    }
}
