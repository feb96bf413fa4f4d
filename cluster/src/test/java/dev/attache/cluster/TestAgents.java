package dev.attache.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts agents on loopback with free ports and their own data directories (under a temporary directory it
 * creates before each test and removes after); always stops them after each test, and prints every agent's
 * member list and leader when a test fails.
 */
public final class TestAgents implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(TestAgents.class);

    /** Fast gossip for tests: a member is suspect after a failed probe round and failed 1 s later. */
    public static final GossipConfig FAST = new GossipConfig(
            Duration.ofMillis(200), Duration.ofMillis(300), 5, Duration.ofMillis(100),
            Duration.ofHours(72), Duration.ofHours(24));

    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(25);

    private final List<AgentCluster> started = new ArrayList<>();
    private Path root;

    /** A config for a node on 127.0.0.1 with port 0 (picked at start). */
    ClusterConfig config(String name, boolean server, int bootstrapExpect, List<String> retryJoin) {
        return config(name, server, bootstrapExpect, retryJoin, 0);
    }

    ClusterConfig config(String name, boolean server, int bootstrapExpect, List<String> retryJoin, int lanPort) {
        return new ClusterConfig(name, UUID.randomUUID().toString(), "dc1", "127.0.0.1", lanPort, 0, 0, server,
                bootstrapExpect, retryJoin, List.of(), dataDir(name), FAST, FAST, Map.of("build", "test"));
    }

    /** A server of {@code dc} that forms no Raft group (bootstrap_expect 0): quick to start, for pool tests. */
    ClusterConfig server(String name, String dc, List<String> retryJoin, List<String> retryJoinWan) {
        return new ClusterConfig(name, UUID.randomUUID().toString(), dc, "127.0.0.1", 0, 0, 0, true,
                0, retryJoin, retryJoinWan, dataDir(name), FAST, FAST, Map.of("build", "test", "wan_join_port", "1"));
    }

    /** A client agent of dc1 with its own gossip timing. */
    public ClusterConfig client(String name, GossipConfig gossip, List<String> retryJoin) {
        return new ClusterConfig(name, UUID.randomUUID().toString(), "dc1", "127.0.0.1", 0, 0, 0, false,
                0, retryJoin, List.of(), dataDir(name), gossip, gossip, Map.of("build", "test"));
    }

    public AgentCluster start(ClusterConfig config) {
        try {
            AgentCluster agent = AgentCluster.start(config).get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            synchronized (started) {
                started.add(agent);
            }
            return agent;
        } catch (Exception e) {
            throw new IllegalStateException("agent " + config.nodeName() + " did not start", e);
        }
    }

    /** Starts all configs in parallel, in order of the result. */
    public List<AgentCluster> startAll(List<ClusterConfig> configs) {
        List<CompletableFuture<AgentCluster>> futures = configs.stream()
                .map(c -> CompletableFuture.supplyAsync(() -> start(c)))
                .toList();
        return futures.stream().map(f -> f.orTimeout(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join()).toList();
    }

    public void stop(AgentCluster agent) {
        synchronized (started) {
            started.remove(agent);
        }
        try {
            agent.stop().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("agent did not stop in time", e);
        }
    }

    static String lanAddress(AgentCluster agent) {
        return "127.0.0.1:" + agent.serfLanPort();
    }

    static String wanAddress(AgentCluster agent) {
        return "127.0.0.1:" + agent.wan().orElseThrow().localMember().port();
    }

    /** The status of {@code name} in the pool's view; empty when it is not listed. */
    static java.util.Optional<MemberStatus> status(Membership pool, String name) {
        return pool.members().stream().filter(m -> m.name().equals(name)).map(Member::status).findFirst();
    }

    /** Awaits {@code name} at {@code status} in every view; returns the time that took. */
    static Duration awaitStatus(List<Membership> views, String name, MemberStatus status, Duration atMost) {
        long t0 = System.nanoTime();
        for (Membership view : views) {
            await(name + " " + status.word() + " in the view of " + view.localMember().name())
                    .atMost(atMost).pollInterval(Duration.ofMillis(20))
                    .until(() -> status(view, name).equals(java.util.Optional.of(status)));
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Awaits {@code name} unlisted in every view; returns the time that took. */
    static Duration awaitGone(List<Membership> views, String name, Duration atMost) {
        long t0 = System.nanoTime();
        for (Membership view : views) {
            await(name + " gone from the view of " + view.localMember().name())
                    .atMost(atMost).pollInterval(Duration.ofMillis(20))
                    .until(() -> status(view, name).isEmpty());
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** A loopback port nothing listens on. */
    static int deadPort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void awaitAlive(AgentCluster agent, int n, Duration atMost) {
        await("alive members of " + agent.lan().localMember().name())
                .atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> agent.lan().members().stream().filter(m -> m.status() == MemberStatus.ALIVE).count() == n);
    }

    private Path dataDir(String name) {
        try {
            if (root == null) {
                root = Files.createTempDirectory("attache-cluster-test");
            }
            return Files.createDirectories(root.resolve(name + "-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        dump();
        throw throwable;
    }

    void dump() {
        List<AgentCluster> agents;
        synchronized (started) {
            agents = List.copyOf(started);
        }
        for (AgentCluster a : agents) {
            log.error("DUMP {}: lan port {}, leader {}, isLeader {}, raft {}, members {}, wan {}",
                    a.lan().localMember().name(), a.serfLanPort(), a.leadership().leader(),
                    a.leadership().isLeader(), a.leadership().stats(), a.lan().members(),
                    a.wan().map(Membership::members).orElse(List.of()));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (root == null) {
            root = Files.createTempDirectory("attache-cluster-test");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<AgentCluster> agents;
        synchronized (started) {
            agents = List.copyOf(started);
            started.clear();
        }
        CompletableFuture.allOf(agents.stream().map(AgentCluster::stop).toArray(CompletableFuture[]::new))
                .orTimeout(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> {
                    log.error("agents did not all stop in time", e);
                    return null;
                })
                .join();
        deleteRoot();
    }

    private void deleteRoot() {
        if (root == null) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", root, e.toString());
        }
        root = null;
    }
}
