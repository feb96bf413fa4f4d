package dev.attache.agent.local;

import dev.attache.agent.Agent;
import dev.attache.agent.AgentConfig;
import dev.attache.cluster.GossipConfig;
import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import dev.attache.cluster.Membership;
import dev.attache.cluster.NetworkFaults;
import dev.attache.hostinfo.HostInfoProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole cluster inside one JVM, for lab work, failure experiments and a service's own tests: {@code N}
 * datacenters of servers and client agents on loopback with free ports, and faults injected at the cluster
 * messaging layer ({@link NetworkFaults}).
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.builder().servers(3).clients(2).start()) {
 *     cluster.awaitConverged(Duration.ofSeconds(30));
 *     cluster.kill("dc1-s1");                       // as kill -9: no leave
 *     cluster.partition(List.of(Set.of("dc1-s2"), Set.of("dc1-s3", "dc1-c1", "dc1-c2")));
 *     cluster.heal();
 *     cluster.restart("dc1-s1");
 *     cluster.awaitConverged(Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Datacenters are {@code dc1}, {@code dc2}, ...; agents are {@code <dc>-s<i>} (servers, {@code bootstrap_expect}
 * = the servers per datacenter) and {@code <dc>-c<i>} (client agents), from 1. Client agents join their
 * datacenter's servers; the servers of every datacenter are joined over the WAN. Each agent has its own data
 * directory under the data root, so a {@link #restart} keeps its node ID, its Raft log and its tokens. The agents
 * share one host-facts provider.
 *
 * <p>Faults: {@link #kill} (no leave, like {@code kill -9}), {@link #restart}, {@link #pause} / {@link #resume}
 * (like {@code SIGSTOP} / {@code SIGCONT} for the agent's gossip and Raft, not its HTTP API) and
 * {@link #partition} / {@link #heal}. Methods are thread-safe. The JVM needs
 * {@code --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED}, as for any embedded agent.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final long START_TIMEOUT_SECONDS = 120;

    /** What is known of one agent of the cluster, running or not. */
    private static final class Slot {
        final String name;
        final String datacenter;
        final boolean server;
        final Path dataDir;
        AgentConfig.Ports ports = AgentConfig.Ports.EPHEMERAL;
        Agent agent; // null when killed
        CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);

        Slot(String name, String datacenter, boolean server, Path dataDir) {
            this.name = name;
            this.datacenter = datacenter;
            this.server = server;
            this.dataDir = dataDir;
        }
    }

    private final Builder settings;
    private final Path dataRoot;
    private final boolean ownsDataRoot;
    private final HostInfoProvider hostInfo;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private List<Set<String>> partition = List.of(); // guarded by this
    private boolean closed;

    private LocalCluster(Builder settings, Path dataRoot, boolean ownsDataRoot) {
        this.settings = settings;
        this.dataRoot = dataRoot;
        this.ownsDataRoot = ownsDataRoot;
        this.hostInfo = settings.hostInfo != null ? settings.hostInfo : HostInfoProvider.oshi();
        for (int d = 1; d <= settings.datacenters; d++) {
            String dc = "dc" + d;
            for (int i = 1; i <= settings.servers; i++) {
                String name = dc + "-s" + i;
                slots.put(name, new Slot(name, dc, true, dataRoot.resolve(name)));
            }
            for (int i = 1; i <= settings.clients; i++) {
                String name = dc + "-c" + i;
                slots.put(name, new Slot(name, dc, false, dataRoot.resolve(name)));
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- start ----

    /**
     * Starts the first server of each datacenter, joins them over the WAN, then starts every other agent at once,
     * joined to its datacenter's first server. Returns once every agent's HTTP API listens (gossip and Raft go
     * on converging: see {@link #awaitConverged}).
     */
    private void startAll() {
        List<Slot> seeds = slots.values().stream().filter(s -> s.server && s.name.endsWith("-s1")).toList();
        startTogether(seeds);
        Slot primary = seeds.get(0);
        for (Slot seed : seeds.subList(1, seeds.size())) {
            seed.agent.wanMembership().orElseThrow().join(wanAddress(primary)).join();
        }
        startTogether(slots.values().stream().filter(s -> s.agent == null).toList());
    }

    private void startTogether(List<Slot> group) {
        List<CompletableFuture<Agent>> starting = new ArrayList<>();
        for (Slot slot : group) {
            starting.add(Agent.builder().config(config(slot)).hostInfo(hostInfo).startAsync());
        }
        RuntimeException failure = null;
        for (int i = 0; i < group.size(); i++) {
            try {
                Agent agent = starting.get(i).get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                started(group.get(i), agent);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while starting " + group.get(i).name, e);
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                failure = failure != null ? failure : new IllegalStateException("cannot start "
                        + group.get(i).name + ": " + cause.getMessage(), cause);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void started(Slot slot, Agent agent) {
        slot.agent = agent;
        slot.ports = new AgentConfig.Ports(agent.httpPort(), agent.serfLanPort(), agent.serfWanPort(),
                agent.cluster().serverPort());
        slot.stopped = agent.whenStopped();
    }

    /** An agent's configuration: loopback, its ports (free ones at first), joined to its datacenter's running servers. */
    private AgentConfig config(Slot slot) {
        AgentConfig.Builder b = AgentConfig.builder()
                .nodeName(slot.name)
                .datacenter(slot.datacenter)
                .server(slot.server)
                .bootstrapExpect(slot.server ? settings.servers : 0)
                .bindAddress(LOOPBACK)
                .clientAddress(LOOPBACK)
                .ports(slot.ports)
                .dataDir(slot.dataDir)
                .gossipLan(settings.gossip)
                .gossipWan(settings.gossip);
        for (Slot other : slots.values()) {
            if (other == slot || other.agent == null) {
                continue;
            }
            if (other.datacenter.equals(slot.datacenter) && other.server) {
                b.retryJoin(lanAddress(other));
            }
        }
        if (slot.server) {
            slots.values().stream()
                    .filter(o -> o.server && o.agent != null && !o.datacenter.equals(slot.datacenter))
                    .collect(Collectors.groupingBy(o -> o.datacenter, LinkedHashMap::new, Collectors.toList()))
                    .values().forEach(servers -> b.retryJoinWan(wanAddress(servers.get(0))));
        }
        if (settings.configure != null) {
            settings.configure.accept(slot.name, b);
        }
        return b.build();
    }

    private static String lanAddress(Slot s) {
        return LOOPBACK + ":" + s.ports.serfLan();
    }

    private static String wanAddress(Slot s) {
        return LOOPBACK + ":" + s.ports.serfWan();
    }

    /** Every address an agent's cluster messaging is reached at: LAN gossip, and on a server WAN gossip and Raft. */
    private static List<String> addresses(Slot s) {
        List<String> all = new ArrayList<>();
        all.add(lanAddress(s));
        if (s.server) {
            all.add(wanAddress(s));
            all.add(LOOPBACK + ":" + s.ports.server());
        }
        return all;
    }

    // ---- access ----

    /** Every agent's name, servers first, datacenter by datacenter. */
    public List<String> names() {
        return List.copyOf(slots.keySet());
    }

    /** The agents that run now (not killed), in {@link #names()} order. */
    public synchronized List<Agent> agents() {
        return slots.values().stream().filter(s -> s.agent != null).map(s -> s.agent).toList();
    }

    /** The running agent of that name. */
    public synchronized Agent agent(String name) {
        Slot slot = slot(name);
        if (slot.agent == null) {
            throw new IllegalStateException(name + " is not running (killed)");
        }
        return slot.agent;
    }

    /** {@code http://127.0.0.1:port} of that agent's HTTP API. */
    public String httpAddress(String name) {
        return agent(name).httpAddress();
    }

    /** True unless the agent was killed (and not restarted since). */
    public synchronized boolean isRunning(String name) {
        return slot(name).agent != null;
    }

    /** True while the agent is {@linkplain #pause paused}. */
    public synchronized boolean isPaused(String name) {
        Slot s = slot(name);
        return s.agent != null && s.agent.cluster().faults().paused();
    }

    /** The datacenters' names. */
    public List<String> datacenters() {
        return slots.values().stream().map(s -> s.datacenter).distinct().toList();
    }

    /** Where the agents' data directories are ({@code <root>/<name>}). */
    public Path dataRoot() {
        return dataRoot;
    }

    private Slot slot(String name) {
        Slot slot = slots.get(name);
        if (slot == null) {
            throw new IllegalArgumentException("no agent named \"" + name + "\" in this cluster; agents: " + names());
        }
        return slot;
    }

    // ---- faults ----

    /**
     * Stops the agent abruptly, as {@code kill -9} would: from now on nothing it sends reaches anyone (no leave is
     * announced) and nothing reaches it; then it stops. Peers declare it failed. Returns at once; its ports are
     * free once its stop has finished, which {@link #restart} waits for.
     */
    public synchronized void kill(String name) {
        Slot slot = slot(name);
        if (slot.agent == null) {
            return;
        }
        log.info("local cluster: killing {}", name);
        Agent agent = slot.agent;
        slot.agent = null;
        agent.cluster().faults().sever();
        slot.stopped = agent.stop();
    }

    /**
     * Starts the agent again with its data directory and, where they are still free, its ports, joined to its
     * datacenter's running servers (and a server to one running server of each other datacenter). A running agent
     * is killed first. A partition in force applies to it. Returns once its HTTP API listens.
     */
    public synchronized Agent restart(String name) {
        Slot slot = slot(name);
        if (slot.agent != null) {
            kill(name);
        }
        try {
            slot.stopped.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("local cluster: {} did not stop cleanly: {}", name, e.toString());
        }
        log.info("local cluster: restarting {}", name);
        Agent agent;
        try {
            agent = Agent.builder().config(config(slot)).hostInfo(hostInfo).start();
        } catch (RuntimeException e) {
            if (slot.ports.equals(AgentConfig.Ports.EPHEMERAL)) {
                throw e;
            }
            log.warn("local cluster: {} cannot start on its former ports ({}); restarting on free ports", name,
                    e.getMessage());
            slot.ports = AgentConfig.Ports.EPHEMERAL;
            agent = Agent.builder().config(config(slot)).hostInfo(hostInfo).start();
        }
        started(slot, agent);
        applyPartition();
        return agent;
    }

    /**
     * Freezes the agent's gossip and Raft messaging, in and out, as {@code SIGSTOP} would: its peers' probes go
     * unanswered and they declare it failed; what it sends is held until {@link #resume}. Its HTTP API still
     * answers. See {@link NetworkFaults#pause()}.
     */
    public synchronized void pause(String name) {
        log.info("local cluster: pausing {}", name);
        agent(name).cluster().faults().pause();
    }

    /** Ends a {@link #pause}: the agent is alive again, and its peers list it again once it answers them. */
    public synchronized void resume(String name) {
        log.info("local cluster: resuming {}", name);
        agent(name).cluster().faults().resume();
    }

    /**
     * Cuts the cluster into groups: messages between agents of different groups are dropped in both directions
     * (gossip, requests and Raft). Agents named in no group form one more group together. Replaces any partition in
     * force; {@link #heal()} ends it.
     */
    public synchronized void partition(List<Set<String>> groups) {
        List<Set<String>> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Set<String> g : groups) {
            for (String name : g) {
                slot(name);
                if (!seen.add(name)) {
                    throw new IllegalArgumentException(name + " is in more than one group");
                }
            }
            all.add(Set.copyOf(g));
        }
        Set<String> rest = new LinkedHashSet<>(slots.keySet());
        rest.removeAll(seen);
        if (!rest.isEmpty()) {
            all.add(Set.copyOf(rest));
        }
        log.info("local cluster: partition {}", all);
        partition = List.copyOf(all);
        applyPartition();
    }

    /** Ends the partition: every agent reaches every other again. */
    public synchronized void heal() {
        log.info("local cluster: healing the partition");
        partition = List.of();
        applyPartition();
    }

    private void applyPartition() {
        for (Slot slot : slots.values()) {
            if (slot.agent == null) {
                continue;
            }
            List<String> blocked = new ArrayList<>();
            for (Slot other : slots.values()) {
                if (other != slot && !reachable(slot.name, other.name)) {
                    blocked.addAll(addresses(other));
                }
            }
            slot.agent.cluster().faults().block(blocked);
        }
    }

    private boolean reachable(String a, String b) {
        for (Set<String> g : partition) {
            if (g.contains(a)) {
                return g.contains(b);
            }
        }
        return true;
    }

    // ---- convergence ----

    /**
     * Waits until every running agent that is not paused sees, in its LAN pool, exactly the agents of its
     * datacenter it can reach (running, not paused, on its side of a partition) as alive, and every other agent
     * as not alive; servers likewise in the WAN pool. Without a partition, each datacenter with a quorum of
     * running servers must also have a Raft leader that all its agents name.
     *
     * @throws IllegalStateException at the deadline, with what differs
     */
    public void awaitConverged(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> differences;
        while (true) {
            differences = differences();
            if (differences.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the cluster did not converge within " + timeout.toMillis()
                        + " ms: " + String.join("; ", differences));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while awaiting convergence", e);
            }
        }
    }

    /** What keeps the cluster from being converged now; empty when it is. */
    public synchronized List<String> differences() {
        List<String> out = new ArrayList<>();
        List<Slot> live = slots.values().stream()
                .filter(s -> s.agent != null && !s.agent.cluster().faults().paused()).toList();
        for (Slot observer : live) {
            Set<String> expectLan = new java.util.TreeSet<>();
            Set<String> expectWan = new java.util.TreeSet<>();
            for (Slot other : live) {
                if (other == observer || reachable(observer.name, other.name)) {
                    if (other.datacenter.equals(observer.datacenter)) {
                        expectLan.add(other.name);
                    }
                    if (other.server) {
                        expectWan.add(other.name + "." + other.datacenter);
                    }
                }
            }
            compare(out, observer.name, "LAN", observer.agent.membership(), expectLan);
            if (observer.server) {
                observer.agent.wanMembership().ifPresent(wan -> compare(out, observer.name, "WAN", wan, expectWan));
            }
        }
        if (partition.isEmpty()) {
            for (String dc : datacenters()) {
                List<Slot> inDc = live.stream().filter(s -> s.datacenter.equals(dc)).toList();
                long servers = inDc.stream().filter(s -> s.server).count();
                if (servers < settings.servers / 2 + 1) {
                    continue;
                }
                Set<String> named = new java.util.TreeSet<>();
                for (Slot s : inDc) {
                    named.add(s.agent.cluster().leadership().leader().orElse("(none)"));
                }
                boolean leaderLive = named.size() == 1 && inDc.stream().anyMatch(s -> s.server
                        && s.name.equals(named.iterator().next()));
                if (!leaderLive) {
                    out.add(dc + " leaders named: " + named);
                }
            }
        }
        return out;
    }

    private static void compare(List<String> out, String observer, String pool, Membership membership,
                                Set<String> expected) {
        Set<String> alive = membership.members().stream().filter(m -> m.status() == MemberStatus.ALIVE)
                .map(Member::name).collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!alive.equals(expected)) {
            out.add(observer + " sees alive in " + pool + " " + alive + ", expected " + expected);
        }
    }

    /** The status of {@code member} in {@code observer}'s LAN pool ({@link MemberStatus#NONE} if unknown). */
    public MemberStatus status(String observer, String member) {
        return agent(observer).membership().members().stream().filter(m -> m.name().equals(member))
                .map(Member::status).findFirst().orElse(MemberStatus.NONE);
    }

    // ---- stop ----

    /** Stops every agent (paused ones are resumed first, so that they stop promptly); deletes a temporary data root. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (Slot slot : slots.values()) {
                if (slot.agent != null) {
                    slot.agent.cluster().faults().unblockAll();
                    slot.agent.cluster().faults().resume();
                    slot.stopped = slot.agent.stop();
                    slot.agent = null;
                }
                stopping.add(slot.stopped);
            }
        }
        try {
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("local cluster: not every agent stopped cleanly: {}", e.toString());
        }
        if (ownsDataRoot) {
            deleteTree(dataRoot);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("local cluster: cannot delete {}: {}", root, e.toString());
        }
    }

    @Override
    public synchronized String toString() {
        return "LocalCluster" + slots.values().stream().map(s -> s.name + (s.agent == null ? "(killed)"
                : s.agent.cluster().faults().paused() ? "(paused)" : "")).toList();
    }

    /** Sizes and settings of a {@link LocalCluster}. */
    public static final class Builder {
        private int datacenters = 1;
        private int servers = 1;
        private int clients;
        private GossipConfig gossip = GossipConfig.FAST;
        private Path dataRoot;
        private HostInfoProvider hostInfo;
        private BiConsumer<String, AgentConfig.Builder> configure;

        private Builder() {
        }

        /** Datacenters, {@code dc1}...; default 1. */
        public Builder datacenters(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("datacenters must be at least 1");
            }
            datacenters = n;
            return this;
        }

        /** Servers per datacenter (Raft voters, {@code bootstrap_expect} = n); default 1. */
        public Builder servers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("servers must be at least 1 per datacenter");
            }
            servers = n;
            return this;
        }

        /** Client agents per datacenter; default 0. */
        public Builder clients(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("clients cannot be negative");
            }
            clients = n;
            return this;
        }

        /**
         * Gossip timing of the LAN and WAN pools: {@link GossipConfig#FAST} (the default: a dead or frozen agent
         * is declared failed in about a second), {@link GossipConfig#LAN_DEFAULTS} (Consul's), or any other.
         */
        public Builder gossip(GossipConfig timing) {
            gossip = java.util.Objects.requireNonNull(timing, "timing");
            return this;
        }

        /** Where the agents' data directories go; default a temporary directory, deleted by {@link #close()}. */
        public Builder dataRoot(Path dir) {
            dataRoot = dir;
            return this;
        }

        /** The host facts every agent reports (default: one OSHI provider shared by all). */
        public Builder hostInfo(HostInfoProvider provider) {
            hostInfo = provider;
            return this;
        }

        /**
         * Changes each agent's configuration before it starts (for instance ACLs, node metadata); called with the
         * agent's name, at every start and restart.
         */
        public Builder configure(BiConsumer<String, AgentConfig.Builder> change) {
            configure = change;
            return this;
        }

        /** Starts every agent; returns once each one's HTTP API listens. Stops what started if one fails. */
        public LocalCluster start() {
            Path root = dataRoot;
            boolean owns = false;
            try {
                if (root == null) {
                    root = Files.createTempDirectory("attache-local-");
                    owns = true;
                } else {
                    Files.createDirectories(root);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data root " + root, e);
            }
            LocalCluster cluster = new LocalCluster(this, root, owns);
            try {
                synchronized (cluster) {
                    cluster.startAll();
                }
                log.info("local cluster: started {}", cluster.names());
                return cluster;
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        }
    }
}
