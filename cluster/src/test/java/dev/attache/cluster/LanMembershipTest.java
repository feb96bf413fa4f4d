package dev.attache.cluster;

import static dev.attache.cluster.TestAgents.awaitAlive;
import static dev.attache.cluster.TestAgents.lanAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LAN pool membership between agents in one JVM. */
class LanMembershipTest {

    /**
     * A stopped member is declared failed after about one probe round (3 × 200 ms), the direct and indirect probe
     * timeouts (300 ms + 600 ms) and the suspicion timeout (5 × 200 ms): about 2.5 s. Allow three times that.
     */
    static final Duration FAILURE_DEADLINE = Duration.ofMillis(3 * (3 * 200 + 3 * 300 + 5 * 200));

    @RegisterExtension
    final TestAgents agents = new TestAgents();


    @Test
    void threeAgentsSeededByRetryJoinConverge() {
        int p1 = TestAgents.deadPort();
        int p2 = TestAgents.deadPort();
        int p3 = TestAgents.deadPort();
        String a1 = "127.0.0.1:" + p1;
        String a2 = "127.0.0.1:" + p2;
        String a3 = "127.0.0.1:" + p3;
        List<AgentCluster> all = agents.startAll(List.of(
                agents.config("n1", false, 0, List.of(a2, a3), p1),
                agents.config("n2", false, 0, List.of(a1, a3), p2),
                agents.config("n3", false, 0, List.of(a1, a2), p3)));

        for (AgentCluster a : all) {
            awaitAlive(a, 3, Duration.ofSeconds(15));
            assertThat(a.lan().members()).extracting(Member::name).containsExactly("n1", "n2", "n3");
            assertThat(a.lan().members()).extracting(Member::port).containsExactly(p1, p2, p3);
        }
    }

    @Test
    void retryJoinKeepsTryingUntilASeedAnswers() {
        int p2 = TestAgents.deadPort();
        AgentCluster n1 = agents.start(agents.config("n1", false, 0, List.of("127.0.0.1:" + p2)));
        await("first join attempt has failed").atMost(Duration.ofSeconds(5))
                .until(() -> n1.lan().members().size() == 1);
        AgentCluster n2 = agents.start(agents.config("n2", false, 0, List.of(), p2));

        // The retry interval is 30 x probe interval (6 s here).
        awaitAlive(n1, 2, Duration.ofSeconds(15));
        awaitAlive(n2, 2, Duration.ofSeconds(5));
    }

    @Test
    void joinAtRuntimeMergesTwoStandaloneAgents() throws Exception {
        List<AgentCluster> two = agents.startAll(List.of(
                agents.config("a", false, 0, List.of()),
                agents.config("b", false, 0, List.of())));
        AgentCluster a = two.get(0);
        AgentCluster b = two.get(1);
        awaitAlive(a, 1, Duration.ofSeconds(5));
        LinkedBlockingQueue<Member> seenByB = new LinkedBlockingQueue<>();
        b.lan().addListener((member, previous) -> {
            if (previous == MemberStatus.NONE && member.name().equals("a")) {
                seenByB.add(member);
            }
        });

        a.lan().join(lanAddress(b)).get(10, TimeUnit.SECONDS);

        assertThat(a.lan().members()).extracting(Member::name).contains("b");
        awaitAlive(a, 2, Duration.ofSeconds(5));
        awaitAlive(b, 2, Duration.ofSeconds(5));
        Member aSeenByB = seenByB.poll(5, TimeUnit.SECONDS);
        assertThat(aSeenByB).isNotNull();
        assertThat(aSeenByB.status()).isEqualTo(MemberStatus.ALIVE);
        assertThat(aSeenByB.port()).isEqualTo(a.serfLanPort());
        // Joining a known member again succeeds at once.
        b.lan().join(lanAddress(a)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aJoinPullsEveryMemberTheContactHoldsAndEveryMemberLearnsOfTheJoiner() throws Exception {
        List<AgentCluster> three = agents.startAll(List.of(
                agents.config("a", false, 0, List.of()),
                agents.config("b", false, 0, List.of()),
                agents.config("c", false, 0, List.of())));
        AgentCluster a = three.get(0);
        AgentCluster b = three.get(1);
        AgentCluster c = three.get(2);
        b.lan().join(lanAddress(a)).get(10, TimeUnit.SECONDS);

        c.lan().join(lanAddress(a)).get(10, TimeUnit.SECONDS);

        // The push/pull's answer is merged before the join completes: no gossip round is needed for c to know b.
        assertThat(c.lan().members()).filteredOn(m -> m.status() == MemberStatus.ALIVE)
                .extracting(Member::name).containsExactly("a", "b", "c");
        awaitAlive(a, 3, Duration.ofSeconds(5));
        awaitAlive(b, 3, Duration.ofSeconds(5));
    }

    @Test
    void joinToDeadPortFailsWithConsulsMessage() {
        AgentCluster a = agents.start(agents.config("a", false, 0, List.of()));
        int dead = TestAgents.deadPort();
        String address = "127.0.0.1:" + dead;

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> a.lan().join(address).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(JoinException.class)
                .hasMessage("1 error occurred:\n\t* Failed to join " + address + ": dial tcp " + address
                        + ": connect: connection refused\n\n");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertThat(a.lan().members()).hasSize(1);
    }

    @Test
    void joinToUnresolvableHostFails() {
        AgentCluster a = agents.start(agents.config("a", false, 0, List.of()));

        assertThatThrownBy(() -> a.lan().join("no-such-host.invalid:8301").get(10, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(JoinException.class)
                .hasMessageStartingWith("1 error occurred:\n\t* Failed to resolve no-such-host.invalid:8301: ");
    }

    @Test
    void stoppedAgentIsFailedAndLeftAgentIsLeftInOthersView() {
        List<AgentCluster> all = agents.startAll(List.of(
                agents.config("s1", false, 0, List.of()),
                agents.config("s2", false, 0, List.of()),
                agents.config("s3", false, 0, List.of()),
                agents.config("s4", false, 0, List.of())));
        AgentCluster s1 = all.get(0);
        for (AgentCluster other : all.subList(1, 4)) {
            other.lan().join(lanAddress(s1)).join();
        }
        for (AgentCluster a : all) {
            awaitAlive(a, 4, Duration.ofSeconds(10));
        }
        LinkedBlockingQueue<String> changes = new LinkedBlockingQueue<>();
        s1.lan().addListener((m, previous) -> changes.add(m.name() + ":" + previous.word() + "->" + m.status().word()));

        agents.stop(all.get(2)); // s3: a plain stop, no leave
        ((dev.attache.cluster.impl.AtomixAgentCluster) all.get(3)).leave().orTimeout(20, TimeUnit.SECONDS).join(); // s4

        for (AgentCluster observer : all.subList(0, 2)) {
            await("s3 failed, s4 left, in the view of " + observer.lan().localMember().name())
                    .atMost(FAILURE_DEADLINE).pollInterval(Duration.ofMillis(50))
                    .until(() -> status(observer, "s3").equals(Optional.of(MemberStatus.FAILED))
                            && status(observer, "s4").equals(Optional.of(MemberStatus.LEFT)));
            assertThat(status(observer, "s1")).contains(MemberStatus.ALIVE);
            assertThat(status(observer, "s2")).contains(MemberStatus.ALIVE);
        }
        assertThat(changes).contains("s3:alive->failed", "s4:alive->leaving", "s4:leaving->left")
                .doesNotContain("s4:alive->failed", "s4:leaving->failed");
    }

    @Test
    void restartedMemberIsAliveAgainAfterFailure() {
        int pb = TestAgents.deadPort();
        AgentCluster a = agents.start(agents.config("a", false, 0, List.of()));
        ClusterConfig bConfig = agents.config("b", false, 0, List.of(lanAddress(a)), pb);
        AgentCluster b = agents.start(bConfig);
        awaitAlive(a, 2, Duration.ofSeconds(10));
        LinkedBlockingQueue<String> changes = new LinkedBlockingQueue<>();
        a.lan().addListener((m, previous) -> changes.add(m.name() + ":" + previous.word() + "->" + m.status().word()));

        agents.stop(b);
        await("b failed").atMost(FAILURE_DEADLINE).until(() -> status(a, "b").equals(Optional.of(MemberStatus.FAILED)));
        agents.start(bConfig);

        await("b alive again").atMost(Duration.ofSeconds(10))
                .until(() -> status(a, "b").equals(Optional.of(MemberStatus.ALIVE)));
        assertThat(changes).containsExactly("b:alive->failed", "b:failed->alive");
    }

    @Test
    void aFailedMemberThatComesBackWithoutJoiningIsFoundByReconnect() {
        int pb = TestAgents.deadPort();
        AgentCluster a = agents.start(agents.config("a", false, 0, List.of()));
        AgentCluster b = agents.start(agents.config("b", false, 0, List.of(lanAddress(a)), pb));
        awaitAlive(a, 2, Duration.ofSeconds(10));
        agents.stop(b);
        await("b failed").atMost(FAILURE_DEADLINE).until(() -> status(a, "b").equals(Optional.of(MemberStatus.FAILED)));

        // b restarts alone: it joins nobody, so only a's reconnect round (every 6 s at 200 ms probes) finds it
        AgentCluster again = agents.start(agents.config("b", false, 0, List.of(), pb));
        await("b alive again in a's view").atMost(Duration.ofSeconds(20))
                .until(() -> status(a, "b").equals(Optional.of(MemberStatus.ALIVE)));
        await("a in b's view").atMost(Duration.ofSeconds(10))
                .until(() -> status(again, "a").equals(Optional.of(MemberStatus.ALIVE)));
    }

    private static Optional<MemberStatus> status(AgentCluster observer, String name) {
        return observer.lan().members().stream().filter(m -> m.name().equals(name)).map(Member::status).findFirst();
    }
}
