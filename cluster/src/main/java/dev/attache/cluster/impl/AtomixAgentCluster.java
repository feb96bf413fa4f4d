package dev.attache.cluster.impl;

import dev.attache.cluster.AclReplication;
import dev.attache.cluster.AgentCluster;
import dev.attache.cluster.ClusterConfig;
import dev.attache.cluster.Leadership;
import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import dev.attache.cluster.Membership;
import dev.attache.cluster.NetworkFaults;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * {@code lan-<dc>}, member id = node name); on a server also the WAN pool of all datacenters' servers (cluster id
 * {@code wan}, member id {@code <node>.<dc>}) and its datacenter's Raft group ({@link RaftGroup}, cluster id
 * {@code raft-<dc>}).
 *
 * <p>Ports given as 0 are picked here (free for TCP and UDP), because Atomix needs a concrete port before it builds;
 * a configured port that is taken fails the start with {@link dev.attache.cluster.PortInUseException}.
 * Published LAN tags are the configured ones plus defaults Consul always sets when missing ({@code role},
 * {@code dc}, {@code id}) and, on a server, {@code port} = the server port and {@code wan_join_port} = the WAN port
 * actually bound. WAN tags are the LAN tags without {@code wan_join_port} (Consul §10.1).
 *
 * <p>SWIM timing comes from {@link ClusterConfig#gossipLan()} and {@link ClusterConfig#gossipWan()}; the mapping
 * onto Atomix's settings is documented in {@link GossipTiming}. Member statuses follow {@link MemberView}.
 *
 * <p>Each agent owns two daemon executors: one single thread for pool events and bookkeeping (both pools), one for
 * blocking work (DNS, dials of joins, building Atomix). Nothing is static: many agents may share a JVM.
 */
public final class AtomixAgentCluster implements AgentCluster {

    private static final Logger log = LoggerFactory.getLogger(AtomixAgentCluster.class);

    /**
     * Bound on each stop step (the Raft group and the pools, stopped together); Atomix's own stop takes 2–3 s, most
     * of it Netty's quiet period for its event loops.
     */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_LAN_PORT = 8301;
    static final int DEFAULT_WAN_PORT = 8302;
    static final String WAN_JOIN_PORT_TAG = "wan_join_port";
    private static final int BIND_ATTEMPTS = 3;

    /** How often a server checks that its datacenter's servers are all in the WAN pool. */
    static final Duration FLOOD_JOIN_INTERVAL = Duration.ofSeconds(5);

    private final ClusterConfig config;
    private final ScheduledExecutorService events;
    private final ExecutorService blocking;
    private final AtomixMembership lan;
    private final AtomixMembership wan; // null on a client
    private final RaftGroup raft;
    private final RaftLeadership leadership;
    private final AclReplication acl;
    private final int serverPort;
    private final NetworkFaults faults;
    private final DatacenterRouter router;
    private final RaftAclReplication raftAcl; // null on a client
    private final Object stopLock = new Object();
    private CompletableFuture<Void> stopFuture;

    private AtomixAgentCluster(ClusterConfig config, ScheduledExecutorService events, ExecutorService blocking,
                               AtomixMembership lan, AtomixMembership wan, RaftGroup raft, RaftAclReplication acl,
                               int serverPort, NetworkFaults faults, DatacenterRouter router) {
        this.config = config;
        this.router = router;
        this.raftAcl = acl;
        this.faults = faults;
        this.events = events;
        this.blocking = blocking;
        this.lan = lan;
        this.wan = wan;
        this.raft = raft;
        this.serverPort = serverPort;
        this.leadership = new RaftLeadership(config.nodeName(), raft, lan);
        this.acl = acl != null ? acl : new ForwardingAclReplication(config.nodeName(), lan);
    }

    @Override
    public AclReplication acl() {
        return acl;
    }

    /** Starts an agent's pools; completes once they are up. Raft and retry-joins continue in the background. */
    public static CompletableFuture<AgentCluster> start(ClusterConfig config) {
        String node = config.nodeName();
        ScheduledExecutorService events = Executors.newSingleThreadScheduledExecutor(daemon("attache-cluster-" + node));
        ExecutorService blocking = Executors.newCachedThreadPool(daemon("attache-cluster-io-" + node));
        return CompletableFuture.supplyAsync(() -> startPools(config, events, blocking), blocking)
                .thenApply(cluster -> {
                    cluster.afterPoolsStarted();
                    return (AgentCluster) cluster;
                })
                .whenComplete((c, e) -> {
                    if (e != null) {
                        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
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

    private static AtomixAgentCluster startPools(ClusterConfig config, ScheduledExecutorService events,
                                                 ExecutorService blocking) {
        String node = config.nodeName();
        InetAddress bindIp = ip(config.bindAddress());
        InetAddress advertiseIp = advertise(bindIp);
        if (config.serfLanPort() != 0) {
            FreePorts.requireFree(bindIp, config.serfLanPort(), true, "LAN gossip");
        }
        if (config.server() && config.serfWanPort() != 0) {
            FreePorts.requireFree(bindIp, config.serfWanPort(), true, "WAN gossip");
        }
        if (config.server() && config.serverPort() != 0) {
            FreePorts.requireFree(bindIp, config.serverPort(), false, "Server RPC");
        }
        int serverPort = !config.server() ? 0
                : config.serverPort() == 0 ? FreePorts.pick(bindIp) : config.serverPort();
        Map<String, String> lanTags = tags(config, serverPort);
        NetworkFaults faults = new NetworkFaults();
        AtomixMembership wan = null;
        if (config.server()) {
            Map<String, String> wanTags = new HashMap<>(lanTags);
            wanTags.remove(WAN_JOIN_PORT_TAG);
            AtomixMembership.Pool pool = new AtomixMembership.Pool("WAN", MessagingHandshake.Listener.wan(),
                    node + "." + config.datacenter(), DEFAULT_WAN_PORT,
                    MessagingHandshake.Listener.ofAgent(config.datacenter()));
            wan = startPool(node, pool, bindIp, advertiseIp, config.serfWanPort(), wanTags,
                    new GossipTiming(config.gossipWan()), events, blocking, faults);
            lanTags.put(WAN_JOIN_PORT_TAG, Integer.toString(wan.port()));
        }
        AtomixMembership lan;
        try {
            AtomixMembership.Pool pool = new AtomixMembership.Pool("LAN",
                    MessagingHandshake.Listener.lan(config.datacenter()), node, DEFAULT_LAN_PORT,
                    MessagingHandshake.Listener.ofAgent(config.datacenter()));
            lan = startPool(node, pool, bindIp, advertiseIp, config.serfLanPort(), lanTags,
                    new GossipTiming(config.gossipLan()), events, blocking, faults);
        } catch (RuntimeException e) {
            if (wan != null) {
                wan.stop().orTimeout(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).exceptionally(x -> null).join();
            }
            throw e;
        }
        DatacenterRouter router = new DatacenterRouter(node, config.datacenter(),
                config.acl().primaryFor(config.datacenter()), lan, wan);
        AclStateHost aclHost = new AclStateHost(AclStateMachines.factory());
        aclHost.timers(events);
        RaftAclReplication acl = config.server()
                ? new RaftAclReplication(node, config.acl(), aclHost, events, router) : null;
        RaftGroup raft = config.server()
                ? new RaftGroup(node, config.datacenter(), bindIp, advertiseIp, serverPort, config.bootstrapExpect(),
                        config.dataDir(), new GossipTiming(config.gossipLan()), lan, events, blocking, acl, faults)
                : null;
        if (raft != null && wan != null) {
            raft.publishLeaderTo(wan);
        }
        return new AtomixAgentCluster(config, events, blocking, lan, wan, raft, acl, serverPort, faults, router);
    }

    /** Starts one pool; a port picked here that turns out taken is replaced by another, up to a few times. */
    private static AtomixMembership startPool(String node, AtomixMembership.Pool pool, InetAddress bindIp,
                                              InetAddress advertiseIp, int configuredPort, Map<String, String> tags,
                                              GossipTiming timing, ScheduledExecutorService events,
                                              ExecutorService blocking, NetworkFaults faults) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            int port = configuredPort == 0 ? FreePorts.pick(bindIp) : configuredPort;
            AtomixMembership membership = new AtomixMembership(node, pool, bindIp, advertiseIp, port, tags, timing,
                    events, blocking, faults);
            try {
                membership.start().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return membership;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                last = new IllegalStateException(node + ": " + pool.name() + " pool failed to start on "
                        + JoinTarget.hostPort(advertiseIp, port), e);
                membership.stop().orTimeout(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).exceptionally(x -> null).join();
                if (configuredPort != 0) {
                    break; // a configured port will not free itself
                }
                log.warn("{}: {} pool failed to start on port {}, trying another: {}", node, pool.name(), port, e.toString());
            }
        }
        throw last;
    }

    private void afterPoolsStarted() {
        if (raft != null) {
            raft.start();
            AclMessages.serve(lan.communication(), acl, blocking);
            AclMessages.serveReplicationStatus(lan.communication(), raftAcl);
        }
        router.start();
        lan.retryJoin(config.retryJoin());
        if (wan != null) {
            wan.retryJoin(config.retryJoinWan());
            lan.addListener((member, previous) -> floodJoin(member));
            events.scheduleWithFixedDelay(() -> lan.members().forEach(this::floodJoin),
                    FLOOD_JOIN_INTERVAL.toMillis(), FLOOD_JOIN_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Consul's flood join: a server joins every alive server of its own datacenter that it sees in the LAN
     * pool into the WAN pool, at the address of that member and its {@code wan_join_port} tag. So a
     * datacenter's servers need only one of them to be joined over the WAN.
     */
    private void floodJoin(Member m) {
        if (m.status() != MemberStatus.ALIVE || !m.isServer() || m.name().equals(config.nodeName())
                || !config.datacenter().equals(m.tags().get("dc"))) {
            return;
        }
        String port = m.tags().get(WAN_JOIN_PORT_TAG);
        String wanName = m.name() + "." + config.datacenter();
        if (port == null || wan.members().stream().anyMatch(w -> w.name().equals(wanName))) {
            return;
        }
        String address = (m.address().contains(":") ? "[" + m.address() + "]" : m.address()) + ":" + port;
        wan.join(address).whenComplete((v, e) -> {
            if (e != null) {
                log.debug("{}: flood join of {} at {} failed: {}", config.nodeName(), wanName, address, e.toString());
            } else {
                log.info("{}: flood-joined {} into the WAN pool", config.nodeName(), wanName);
            }
        });
    }

    static Map<String, String> tags(ClusterConfig config, int serverPort) {
        Map<String, String> tags = new HashMap<>(config.tags());
        tags.putIfAbsent("role", config.server() ? "consul" : "node");
        tags.putIfAbsent("dc", config.datacenter());
        tags.putIfAbsent("id", config.nodeId());
        tags.remove(WAN_JOIN_PORT_TAG); // a server sets the port it bound; a client has none
        if (config.server()) {
            tags.put("port", Integer.toString(serverPort));
        }
        return tags;
    }

    @Override
    public dev.attache.cluster.Datacenters datacenters() {
        return router;
    }

    /**
     * The datacenter's replication state, from its leader (Consul's {@code ACL.ReplicationStatus} is always answered
     * there): this server's own when it leads, else the leader's, asked over the LAN pool.
     */
    @Override
    public CompletableFuture<dev.attache.cluster.AclReplicationStatus> aclReplicationStatus() {
        if (!config.acl().enabled() || router.inPrimary()) {
            return CompletableFuture.completedFuture(dev.attache.cluster.AclReplicationStatus.DISABLED);
        }
        if (raftAcl != null && raftAcl.leader()) {
            return CompletableFuture.completedFuture(raftAcl.replicationStatus());
        }
        Optional<String> leader = leadership.leader();
        if (leader.isEmpty()) {
            return CompletableFuture.failedFuture(new dev.attache.cluster.NoLeaderException());
        }
        return AclMessages.askReplicationStatus(lan.communication(), leader.get());
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

    @Override
    public NetworkFaults faults() {
        return faults;
    }

    @Override
    public Optional<Membership> wan() {
        return Optional.ofNullable(wan);
    }

    /**
     * Leaves gracefully: announces {@code leaving} in the LAN pool and, on a server, the WAN pool (others show this
     * member as leaving, then left, not failed), waits for the announcement to spread, then {@link #stop()}s. The
     * Raft group's static membership is not changed.
     */
    @Override
    public CompletableFuture<Void> leave() {
        List<CompletableFuture<Void>> announced = new ArrayList<>();
        announced.add(lan.announceLeave());
        if (wan != null) {
            announced.add(wan.announceLeave());
        }
        return CompletableFuture.allOf(announced.toArray(CompletableFuture[]::new))
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
            CompletableFuture<Void> wanStopped = wan == null ? CompletableFuture.completedFuture(null)
                    : bounded(wan::stop, "WAN pool");
            stopFuture = CompletableFuture.allOf(raftStopped, bounded(lan::stop, "LAN pool"), wanStopped)
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
