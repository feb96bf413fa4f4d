package dev.attache.cluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.attache.cluster.AgentCluster;
import dev.attache.cluster.ClusterConfig;
import dev.attache.cluster.GossipConfig;
import dev.attache.cluster.MemberStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A suspect member's timeout grows with the pool, as memberlist's does: suspicion_mult × log10(n) × probe_interval. */
class SuspicionScalingTest {

    /** Probe 200 ms, suspicion ×5: a suspect is failed after 1 s in pools of up to 10 members. */
    private static final GossipConfig GOSSIP = new GossipConfig(
            Duration.ofMillis(200), Duration.ofMillis(300), 5, Duration.ofMillis(100),
            Duration.ofHours(72), Duration.ofHours(24));

    @TempDir
    Path dataRoot;

    private final List<AgentCluster> agents = new ArrayList<>();

    @AfterEach
    void stopAll() {
        CompletableFuture.allOf(agents.stream().map(AgentCluster::stop).toArray(CompletableFuture[]::new))
                .orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    @Test
    void theTimeoutIsMemberlistsSuspicionTimeout() {
        GossipTiming lan = new GossipTiming(GossipConfig.LAN_DEFAULTS);

        assertThat(lan.failureTimeout(1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(lan.failureTimeout(10)).isEqualTo(Duration.ofSeconds(4));
        assertThat(lan.failureTimeout(30)).isEqualTo(Duration.ofMillis(5908)); // 4 × 1.477 × 1 s
        assertThat(lan.failureTimeout(100)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aPoolSetsTheTimeoutForItsSizeAsMembersComeAndFail() {
        AgentCluster first = start("n0", List.of());
        String seed = "127.0.0.1:" + first.serfLanPort();
        IntStream.range(1, 12).mapToObj(i -> CompletableFuture.supplyAsync(() -> start("n" + i, List.of(seed))))
                .toList().forEach(CompletableFuture::join);
        GossipTiming timing = new GossipTiming(GOSSIP);

        await("12 members and their suspicion timeout everywhere").atMost(Duration.ofSeconds(30))
                .until(() -> agents.stream().allMatch(a -> alive(a) == 12
                        && suspicionTimeout(a).equals(timing.failureTimeout(12))));
        assertThat(timing.failureTimeout(12)).isEqualTo(Duration.ofMillis(1079)); // 5 × 1.079 × 200 ms

        AgentCluster last = agents.remove(agents.size() - 1);
        AgentCluster nextToLast = agents.remove(agents.size() - 1);
        CompletableFuture.allOf(last.stop(), nextToLast.stop()).orTimeout(30, TimeUnit.SECONDS).join();

        await("10 members left and the 10-member timeout").atMost(Duration.ofSeconds(30))
                .until(() -> alive(first) == 10 && suspicionTimeout(first).equals(Duration.ofSeconds(1)));
    }

    private AgentCluster start(String name, List<String> retryJoin) {
        ClusterConfig config = new ClusterConfig(name, UUID.randomUUID().toString(), "dc1", "127.0.0.1", 0, 0, 0,
                false, 0, retryJoin, List.of(), dataRoot.resolve(name), GOSSIP, GOSSIP, Map.of("build", "test"));
        AgentCluster agent = AgentCluster.start(config).orTimeout(30, TimeUnit.SECONDS).join();
        synchronized (agents) {
            agents.add(agent);
        }
        return agent;
    }

    private static long alive(AgentCluster agent) {
        return agent.lan().members().stream().filter(m -> m.status() == MemberStatus.ALIVE).count();
    }

    private static Duration suspicionTimeout(AgentCluster agent) {
        return ((AtomixMembership) agent.lan()).suspicionTimeout();
    }
}
