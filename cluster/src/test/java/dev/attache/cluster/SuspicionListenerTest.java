package dev.attache.cluster;

import static dev.attache.cluster.TestAgents.awaitAlive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SWIM suspicion reaches listeners while the member's status stays alive; failure follows it. */
class SuspicionListenerTest {
    @RegisterExtension
    final TestAgents agents = new TestAgents();

    @Test
    void aStoppedMemberIsSuspectedWhileAliveThenFailed() {
        int pb = TestAgents.deadPort();
        List<AgentCluster> two = agents.startAll(List.of(
                agents.config("a", false, 0, List.of("127.0.0.1:" + pb)),
                agents.config("b", false, 0, List.of(), pb)));
        AgentCluster a = two.get(0);
        awaitAlive(a, 2, Duration.ofSeconds(15));
        List<String> seen = new CopyOnWriteArrayList<>();
        a.lan().addListener(new MembershipListener() {
            @Override
            public void statusChanged(Member member, MemberStatus previous) {
                seen.add(member.name() + ":" + member.status().word());
            }

            @Override
            public void suspicionChanged(Member member, boolean suspect) {
                seen.add(member.name() + ":" + (suspect ? "suspect" : "cleared") + ":" + member.status().word());
            }
        });

        agents.stop(two.get(1)); // no leave; with two members only a's own probes can find it gone

        await().atMost(LanMembershipTest.FAILURE_DEADLINE).until(() -> seen.contains("b:failed"));
        assertThat(seen).containsSubsequence("b:suspect:alive", "b:failed");
    }
}
