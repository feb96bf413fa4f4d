package dev.attache.cluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.attache.cluster.AgentCluster;
import dev.attache.cluster.GossipConfig;
import dev.attache.cluster.MemberStatus;
import dev.attache.cluster.TestAgents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A suspect member's timeout grows with the pool, as memberlist's does: suspicion_mult × log10(n) × probe_interval. */
class SuspicionScalingTest {

    /** Probe 200 ms, suspicion ×5: a suspect is failed after 1 s in pools of up to 10 members. */
    private static final GossipConfig GOSSIP = TestAgents.FAST;

    @RegisterExtension
    final TestAgents testAgents = new TestAgents();

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
        AgentCluster first = testAgents.start(testAgents.client("n0", GOSSIP, List.of()));
        String seed = "127.0.0.1:" + first.serfLanPort();
        List<AgentCluster> agents = new ArrayList<>(List.of(first));
        agents.addAll(testAgents.startAll(IntStream.range(1, 12)
                .mapToObj(i -> testAgents.client("n" + i, GOSSIP, List.of(seed))).toList()));
        GossipTiming timing = new GossipTiming(GOSSIP);

        await("12 members and their suspicion timeout everywhere").atMost(Duration.ofSeconds(30))
                .until(() -> agents.stream().allMatch(a -> alive(a) == 12
                        && suspicionTimeout(a).equals(timing.failureTimeout(12))));
        assertThat(timing.failureTimeout(12)).isEqualTo(Duration.ofMillis(1079)); // 5 × 1.079 × 200 ms

        AgentCluster last = agents.remove(agents.size() - 1);
        AgentCluster nextToLast = agents.remove(agents.size() - 1);
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> testAgents.stop(last)),
                CompletableFuture.runAsync(() -> testAgents.stop(nextToLast))).join();

        await("10 members left and the 10-member timeout").atMost(Duration.ofSeconds(30))
                .until(() -> alive(first) == 10 && suspicionTimeout(first).equals(Duration.ofSeconds(1)));
    }

    private static long alive(AgentCluster agent) {
        return agent.lan().members().stream().filter(m -> m.status() == MemberStatus.ALIVE).count();
    }

    private static Duration suspicionTimeout(AgentCluster agent) {
        return ((AtomixMembership) agent.lan()).suspicionTimeout();
    }
}
