package dev.attache.cluster.impl;

import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import dev.attache.cluster.Membership;
import dev.attache.cluster.NetworkFaults;
import io.atomix.cluster.ClusterConfig;
import io.atomix.cluster.messaging.impl.NettyMessagingService;
import io.atomix.core.AtomixConfig;
import io.atomix.core.AtomixRegistry;
import io.atomix.protocols.raft.RaftServer;
import io.atomix.protocols.raft.cluster.RaftMember;
import io.atomix.protocols.raft.impl.RaftContext;
import io.atomix.protocols.raft.partition.RaftPartitionGroupConfig;
import io.atomix.protocols.raft.partition.RaftStorageConfig;
import io.atomix.storage.StorageLevel;
import io.atomix.utils.net.Address;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's side of its datacenter's Raft group: a second, full Atomix instance (cluster id {@code raft-<dc>}) on
 * the server port, with a Raft management group ({@code system}) and one Raft partition group ({@code raft}, one
 * partition) whose static members are the datacenter's servers, on DISK under {@code <data-dir>/raft}.
 *
 * <p>Bootstrap: once {@code bootstrap_expect} servers (LAN members tagged {@code role=consul}, this one included)
 * are alive in the LAN pool, their names (sorted) become the voters; their Raft addresses are the LAN address plus
 * the {@code port} tag. The choice is saved in {@code peers.json}, and a restart reuses it at once. Later LAN
 * sightings of a voter refresh its Raft address.
 *
 * <p>Leadership is published to the LAN pool as the reserved member properties {@link #LEADER_PROPERTY} and
 * {@link #TERM_PROPERTY}, so client agents (which run no Raft) know the leader too.
 */
final class RaftGroup {

    private static final Logger log = LoggerFactory.getLogger(RaftGroup.class);

    static final String SYSTEM_GROUP = "system";
    static final String DATA_GROUP = "raft";
    /** Atomix names the single partition of the data group so. */
    static final String DATA_PARTITION = DATA_GROUP + "-partition-1";
    static final String LEADER_PROPERTY = MemberView.RESERVED_PREFIX + "raft_leader";
    static final String TERM_PROPERTY = MemberView.RESERVED_PREFIX + "raft_term";
    static final int DEFAULT_SERVER_PORT = 8300;
    private static final Duration TICK = Duration.ofMillis(250);
    /** How often a Raft start that has not finished reports where it stands. */
    private static final Duration START_REPORT = Duration.ofSeconds(20);
    /** How often each replica's applied index is checked for progress ({@link RaftApplyWatch}). */
    private static final Duration APPLY_CHECK = Duration.ofSeconds(2);

    private final String nodeName;
    private final String datacenter;
    /** The Atomix cluster id of the datacenter's Raft group. */
    private final String clusterId;
    private final InetAddress bindIp;
    private final InetAddress advertiseIp;
    private final int serverPort;
    private final int bootstrapExpect;
    private final Path raftDir;
    private final GossipTiming timing;
    private final AtomixMembership lan;
    private final ScheduledExecutorService events;
    private final Executor blocking;
    private final PeerStore store;
    private final DynamicDiscoveryProvider discovery = new DynamicDiscoveryProvider();
    private final RaftAclReplication acl;
    private final NetworkFaults faults;

    private volatile List<PeerStore.Peer> peers;
    private volatile RaftAtomix atomix;
    private volatile ContactRecordingMessagingService contact;
    private volatile RaftContext context;
    private volatile boolean stopped;
    private volatile boolean restarting;
    private volatile RaftServer.Role loggedRole;
    private boolean watching; // events thread only
    private boolean loneVoterElected; // events thread only
    private Membership.Registration lanRegistration;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> applyWatch;
    private final RaftApplyWatch watch;
    private volatile AtomixMembership wan; // the WAN pool, where the leader is published as well

    RaftGroup(String nodeName, String datacenter, InetAddress bindIp, InetAddress advertiseIp, int serverPort,
              int bootstrapExpect, Path dataDir, GossipTiming timing, AtomixMembership lan,
              ScheduledExecutorService events, Executor blocking, RaftAclReplication acl,
              NetworkFaults faults) {
        this.nodeName = nodeName;
        this.datacenter = datacenter;
        this.clusterId = MessagingHandshake.Listener.raft(datacenter).clusterId();
        this.bindIp = bindIp;
        this.advertiseIp = advertiseIp;
        this.serverPort = serverPort;
        this.bootstrapExpect = bootstrapExpect;
        this.raftDir = dataDir.resolve("raft");
        this.timing = timing;
        this.lan = lan;
        this.events = events;
        this.blocking = blocking;
        this.store = new PeerStore(raftDir);
        this.acl = acl;
        this.faults = faults;
        this.watch = new RaftApplyWatch(nodeName);
    }

    void start() {
        Optional<List<PeerStore.Peer>> saved = Optional.empty();
        try {
            saved = store.load();
        } catch (IOException | RuntimeException e) {
            log.warn("{}: raft: cannot read {}; waiting for bootstrap_expect servers instead: {}", nodeName, store.file(), e.toString());
        }
        if (saved.isPresent()) {
            log.info("{}: raft: using saved peers {}", nodeName, names(saved.get()));
            launch(saved.get());
        } else if (bootstrapExpect <= 0) {
            log.info("{}: raft: no bootstrap_expect and no saved peers: not forming a Raft group", nodeName);
        } else {
            log.info("{}: raft: waiting for {} server(s) in the LAN pool", nodeName, bootstrapExpect);
        }
        lanRegistration = lan.addListener((member, previous) -> tick());
        ticker = events.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        applyWatch = events.scheduleWithFixedDelay(this::checkApply, APPLY_CHECK.toMillis(), APPLY_CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The Raft context of this server's replica of the data partition, once it exists. */
    Optional<RaftContext> context() {
        RaftContext c = context;
        if (c == null && atomix != null) {
            c = RaftServerProbe.context(atomix, DATA_GROUP).orElse(null);
            context = c;
        }
        return Optional.ofNullable(c);
    }

    /** {@link System#nanoTime()} of the last AppendEntries from a leader, 0 if none. */
    long lastContactNanos() {
        ContactRecordingMessagingService c = contact;
        return c == null ? 0 : c.lastAppendNanos();
    }

    /** The chosen voters, empty until the group forms. */
    List<PeerStore.Peer> peers() {
        List<PeerStore.Peer> p = peers;
        return p == null ? List.of() : p;
    }

    // ---- events thread ----

    private void tick() {
        if (stopped) {
            return;
        }
        if (peers == null) {
            maybeBootstrap();
        } else {
            refreshPeerAddresses();
        }
        if (atomix != null && !loneVoterElected) {
            electLoneVoter();
        }
        if (!watching && atomix != null) {
            context().ifPresent(c -> {
                watching = true;
                watch(c);
            });
        }
    }

    private void checkApply() {
        RaftAtomix instance = atomix;
        if (instance == null || stopped || restarting) {
            return;
        }
        for (String group : List.of(SYSTEM_GROUP, DATA_GROUP)) {
            Optional<RaftContext> c = RaftServerProbe.context(instance, group);
            if (c.isPresent() && watch.stuck(group, c.get())) {
                restart(instance);
                return;
            }
        }
    }

    /** Stops this server's Raft instance and starts a new one on the same data directory. Events thread. */
    private void restart(RaftAtomix instance) {
        restarting = true;
        synchronized (this) {
            if (stopped || atomix != instance) {
                restarting = false;
                return;
            }
            atomix = null;
            context = null;
            watching = false;
            loggedRole = null;
        }
        acl.host().replay();
        instance.stop().whenComplete((v, e) -> {
            if (e != null) {
                log.warn("{}: raft: stopping the Raft instance failed: {}", nodeName, e.toString());
            }
            events.execute(() -> {
                watch.reset();
                restarting = false;
                blocking.execute(this::buildAndStart);
            });
        });
    }

    private void maybeBootstrap() {
        if (bootstrapExpect <= 0) {
            return;
        }
        List<Member> servers = lan.members().stream()
                .filter(m -> m.status() == MemberStatus.ALIVE && m.isServer() && serverPort(m).isPresent())
                .sorted(Comparator.comparing(Member::name))
                .toList();
        if (servers.size() < bootstrapExpect) {
            return;
        }
        List<PeerStore.Peer> chosen = servers.stream()
                .map(m -> new PeerStore.Peer(m.name(), JoinTarget.hostPort(literal(m.address()), serverPort(m).get())))
                .toList();
        try {
            store.save(chosen);
        } catch (IOException e) {
            log.error("{}: raft: cannot save {}; a restart will wait for discovery again", nodeName, store.file(), e);
        }
        log.info("{}: raft: found {} server(s) (bootstrap_expect={}); forming the Raft group with {}",
                nodeName, servers.size(), bootstrapExpect, names(chosen));
        launch(chosen);
    }

    /**
     * Atomix's Raft waits its fixed election timeout (2.5 s plus up to 2.5 s at random) before a follower stands
     * for election, even as the group's only voter, and the data group starts only after the management group has
     * a leader: about 9 s for a dev agent. A lone voter needs no one's vote, so it is made a candidate at once
     * (on the Raft thread, through RaftContext's public transition).
     */
    private void electLoneVoter() {
        if (peers().size() != 1) {
            loneVoterElected = true;
            return;
        }
        boolean allLead = true;
        for (String group : List.of(SYSTEM_GROUP, DATA_GROUP)) {
            Optional<RaftContext> context = RaftServerProbe.context(atomix, group);
            allLead &= context.map(c -> c.getRole() == RaftServer.Role.LEADER).orElse(false);
            context.filter(c -> c.getRole() == RaftServer.Role.FOLLOWER && c.getLeader() == null).ifPresent(c ->
                    c.getThreadContext().execute(() -> {
                        if (c.getRole() == RaftServer.Role.FOLLOWER && c.getLeader() == null) {
                            c.transition(RaftServer.Role.CANDIDATE);
                        }
                    }));
        }
        loneVoterElected = allLead;
    }

    private void refreshPeerAddresses() {
        Set<String> names = new LinkedHashSet<>(names(peers));
        for (Member m : lan.members()) {
            if (!m.name().equals(nodeName) && names.contains(m.name()) && m.status() == MemberStatus.ALIVE) {
                serverPort(m).ifPresent(p -> discovery.put(m.name(), new Address(m.address(), p)));
            }
        }
    }

    private static Optional<Integer> serverPort(Member m) {
        try {
            return Optional.of(Integer.parseInt(m.tags().getOrDefault("port", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void watch(RaftContext raft) {
        raft.addRoleChangeListener(role -> {
            if (role != loggedRole) {
                loggedRole = role;
                log.info("{}: raft: entering {} state (term {})", nodeName, role, raft.getTerm());
            }
        });
        raft.addLeaderElectionListener(this::leaderElected);
        RaftMember leader = raft.getLeader();
        if (leader != null) {
            leaderElected(leader);
        }
    }

    private void leaderElected(RaftMember leader) {
        RaftContext raft = context;
        long term = raft == null ? 0 : raft.getTerm();
        String name = leader == null ? "" : leader.memberId().id();
        log.info("{}: raft: leader is {} (term {})", nodeName, name.isEmpty() ? "unknown" : name, term);
        lan.setLocalProperty(LEADER_PROPERTY, name);
        lan.setLocalProperty(TERM_PROPERTY, Long.toString(term));
        AtomixMembership w = wan;
        if (w != null) {
            w.setLocalProperty(LEADER_PROPERTY, name);
            w.setLocalProperty(TERM_PROPERTY, Long.toString(term));
        }
        boolean self = name.equals(nodeName);
        events.execute(() -> acl.leaderChanged(self));
    }

    /**
     * Publishes leadership in the WAN pool too, so that other datacenters send their requests to this
     * datacenter's leader first ({@link DatacenterRouter}).
     */
    void publishLeaderTo(AtomixMembership wanPool) {
        this.wan = wanPool;
    }

    // ---- lifecycle ----

    private void launch(List<PeerStore.Peer> chosen) {
        peers = List.copyOf(chosen);
        for (PeerStore.Peer p : chosen) {
            if (!p.name().equals(nodeName)) {
                try {
                    JoinTarget t = JoinTarget.parse(p.address(), DEFAULT_SERVER_PORT);
                    discovery.put(p.name(), new Address(t.host(), t.port()));
                } catch (JoinTarget.Failure e) {
                    log.warn("{}: raft: ignoring bad address of peer {}: {}", nodeName, p.name(), e.getMessage());
                }
            }
        }
        blocking.execute(this::buildAndStart);
    }

    private void buildAndStart() {
        long t0 = System.nanoTime();
        RaftAtomix instance;
        synchronized (this) {
            if (stopped) {
                return;
            }
            try {
                instance = build();
            } catch (RuntimeException e) {
                log.error("{}: raft: cannot build the Raft group", nodeName, e);
                return;
            }
            atomix = instance;
        }
        ScheduledFuture<?> watchdog = events.scheduleWithFixedDelay(() -> logStartProgress(t0),
                START_REPORT.toMillis(), START_REPORT.toMillis(), TimeUnit.MILLISECONDS);
        instance.start().whenComplete((v, e) -> {
            watchdog.cancel(false);
            if (e != null) {
                if (!stopped) {
                    log.error("{}: raft: start failed", nodeName, e);
                }
            } else {
                log.info("{}: raft: group {} started on {} in {} ms", nodeName, clusterId,
                        JoinTarget.hostPort(advertiseIp, serverPort), (System.nanoTime() - t0) / 1_000_000);
                acl.attach(instance);
            }
        });
    }

    /** A start that takes long says where each group's replica stands (role, leader, indexes). */
    private void logStartProgress(long t0) {
        RaftAtomix instance = atomix;
        if (instance == null || stopped) {
            return;
        }
        StringBuilder line = new StringBuilder();
        for (String group : List.of(SYSTEM_GROUP, DATA_GROUP)) {
            RaftServerProbe.context(instance, group).ifPresent(c -> line.append(' ').append(group)
                    .append(": role=").append(c.getRole())
                    .append(" term=").append(c.getTerm())
                    .append(" leader=").append(c.getLeader() == null ? "none" : c.getLeader().memberId().id())
                    .append(" state=").append(c.getState())
                    .append(" commit=").append(c.getCommitIndex())
                    .append(" firstCommit=").append(c.getFirstCommitIndex())
                    .append(" applied=").append(c.getLastApplied())
                    .append(" lastLog=").append(c.getLogWriter().getLastIndex())
                    .append(';'));
        }
        log.warn("{}: raft: group still starting after {} s;{}", nodeName,
                (System.nanoTime() - t0) / 1_000_000_000L, line);
    }

    private RaftAtomix build() {
        Address self = new Address(advertiseIp.getHostAddress(), serverPort);
        ClusterConfig cluster = new ClusterConfig().setClusterId(clusterId);
        cluster.getNodeConfig().setId(nodeName).setAddress(self);
        cluster.getMessagingConfig()
                .setInterfaces(List.of(bindIp.getHostAddress()))
                .setPort(serverPort)
                .setConnectTimeout(AtomixMembership.DIAL_TIMEOUT);
        cluster.setDiscoveryConfig(discovery.config());
        cluster.setProtocolConfig(new SafeSwimProtocol(timing).config());

        Set<String> members = new LinkedHashSet<>(names(peers));
        AtomixConfig config = new AtomixConfig()
                .setClusterConfig(cluster)
                .setEnableShutdownHook(false)
                .setManagementGroup(group(SYSTEM_GROUP, members, raftDir.resolve("system")))
                .addPartitionGroup(group(DATA_GROUP, members, raftDir.resolve("data")));
        contact = new ContactRecordingMessagingService(new FaultInjectingMessagingService(new DeadlineMessagingService(
                new NettyMessagingService(clusterId, self, cluster.getMessagingConfig())), faults), DATA_PARTITION);
        AtomixRegistry registry = new AclRegistry(AtomixRegistry.registry(RaftGroup.class.getClassLoader()), acl.type());
        return new RaftAtomix(config, registry, contact, faults);
    }

    private static RaftPartitionGroupConfig group(String name, Set<String> members, Path dir) {
        return new RaftPartitionGroupConfig()
                .setName(name)
                .setPartitions(1)
                .setPartitionSize(members.size())
                .setMembers(members)
                .setStorageConfig(new RaftStorageConfig().setLevel(StorageLevel.DISK).setDirectory(dir.toString()));
    }

    /** Stops the Raft instance, if any; never throws. */
    CompletableFuture<Void> stop() {
        RaftAtomix instance;
        synchronized (this) {
            stopped = true;
            instance = atomix;
        }
        events.execute(() -> {
            if (ticker != null) {
                ticker.cancel(false);
            }
            if (applyWatch != null) {
                applyWatch.cancel(false);
            }
            if (lanRegistration != null) {
                lanRegistration.remove();
            }
        });
        acl.stop();
        return instance == null ? CompletableFuture.completedFuture(null) : instance.stop();
    }

    boolean isRoleLeader() {
        return context().map(c -> c.getRole() == RaftServer.Role.LEADER).orElse(false);
    }

    private static List<String> names(List<PeerStore.Peer> peers) {
        return peers.stream().map(PeerStore.Peer::name).toList();
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("not an IP literal: " + ip, e);
        }
    }
}
