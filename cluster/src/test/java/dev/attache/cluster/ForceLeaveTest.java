package dev.attache.cluster;

import static dev.attache.cluster.TestAgents.awaitAlive;
import static dev.attache.cluster.TestAgents.awaitGone;
import static dev.attache.cluster.TestAgents.awaitStatus;
import static dev.attache.cluster.TestAgents.lanAddress;
import static dev.attache.cluster.TestAgents.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Consul's force-leave in the LAN pool, seen from every agent. */
class ForceLeaveTest {

    private static final Logger log = LoggerFactory.getLogger(ForceLeaveTest.class);
    private static final Duration SPREAD = Duration.ofSeconds(5);

    @RegisterExtension
    final TestAgents agents = new TestAgents();


    /** a, b, c, d in one LAN pool; d's config is returned last so that it can be restarted. */
    private List<AgentCluster> fourAgents(List<ClusterConfig> configs) {
        AgentCluster a = agents.start(agents.config("a", false, 0, List.of()));
        configs.add(agents.config("d", false, 0, List.of(lanAddress(a)), TestAgents.deadPort()));
        List<AgentCluster> rest = agents.startAll(List.of(
                agents.config("b", false, 0, List.of(lanAddress(a))),
                agents.config("c", false, 0, List.of(lanAddress(a))),
                configs.get(0)));
        List<AgentCluster> all = List.of(a, rest.get(0), rest.get(1), rest.get(2));
        for (AgentCluster agent : all) {
            awaitAlive(agent, 4, Duration.ofSeconds(15));
        }
        return all;
    }

    private static List<Membership> lans(List<AgentCluster> agents) {
        return agents.stream().map(AgentCluster::lan).toList();
    }

    @Test
    void failedMemberForcedToLeaveIsLeftInEveryViewAndAliveWhenItComesBack() throws Exception {
        List<ClusterConfig> configs = new java.util.ArrayList<>();
        List<AgentCluster> all = fourAgents(configs);
        List<Membership> observers = lans(all.subList(0, 3));
        Queue<String> seenByB = changes(all.get(1).lan());

        agents.stop(all.get(3));
        awaitStatus(observers, "d", MemberStatus.FAILED, LanMembershipTest.FAILURE_DEADLINE);
        long t0 = System.nanoTime();
        all.get(0).lan().forceLeave("d", false).get(10, TimeUnit.SECONDS);
        awaitStatus(observers, "d", MemberStatus.LEFT, SPREAD);
        log.info("MEASURE LAN force-leave: left in every view {} ms after the call",
                Duration.ofNanos(System.nanoTime() - t0).toMillis());
        assertThat(seenByB).contains("d:alive->failed", "d:failed->left");

        // Forcing it again changes nothing.
        all.get(2).lan().forceLeave("d", false).get(10, TimeUnit.SECONDS);
        assertThat(status(all.get(1).lan(), "d")).contains(MemberStatus.LEFT);

        agents.start(configs.get(0));
        awaitStatus(observers, "d", MemberStatus.ALIVE, Duration.ofSeconds(10));
        assertThat(seenByB).endsWith("d:left->alive");
    }

    @Test
    void pruneErasesAFailedMemberFromEveryViewForGoodUntilItComesBack() throws Exception {
        List<ClusterConfig> configs = new java.util.ArrayList<>();
        List<AgentCluster> all = fourAgents(configs);
        List<Membership> observers = lans(all.subList(0, 3));
        Queue<String> seenByC = changes(all.get(2).lan());

        agents.stop(all.get(3));
        awaitStatus(observers, "d", MemberStatus.FAILED, LanMembershipTest.FAILURE_DEADLINE);
        long t0 = System.nanoTime();
        all.get(1).lan().forceLeave("d", true).get(10, TimeUnit.SECONDS);
        awaitGone(observers, "d", SPREAD);
        log.info("MEASURE LAN force-leave -prune: gone from every view {} ms after the call",
                Duration.ofNanos(System.nanoTime() - t0).toMillis());
        // Lingering gossip (SWIM keeps d's tombstone) must not bring it back.
        await("d stays gone").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> observers.stream().allMatch(v -> status(v, "d").isEmpty()));
        assertThat(seenByC).endsWith("d:failed->none");
        assertThatThrownBy(() -> all.get(0).lan().forceLeave("d", false).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(UnknownMemberException.class);

        agents.start(configs.get(0));
        awaitStatus(observers, "d", MemberStatus.ALIVE, Duration.ofSeconds(10));
        assertThat(seenByC).endsWith("d:none->alive");
    }

    @Test
    void aliveMemberForcedToLeaveRefutesAndIsAliveAgainEverywhere() throws Exception {
        List<AgentCluster> all = fourAgents(new java.util.ArrayList<>());
        Queue<String> seenByA = changes(all.get(0).lan());

        long t0 = System.nanoTime();
        all.get(0).lan().forceLeave("b", false).get(10, TimeUnit.SECONDS);

        await("a saw b leaving").atMost(SPREAD).until(() -> seenByA.contains("b:alive->leaving"));
        awaitStatus(lans(all), "b", MemberStatus.ALIVE, SPREAD);
        log.info("MEASURE force-leave of an alive member: alive again in every view {} ms after the call",
                Duration.ofNanos(System.nanoTime() - t0).toMillis());
        assertThat(seenByA).containsSubsequence("b:alive->leaving", "b:leaving->alive");
        // It stays alive: the refutation is not undone by the original force-leave arriving late anywhere.
        await("b stays alive").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> lans(all).stream().allMatch(v -> status(v, "b").orElseThrow() == MemberStatus.ALIVE));
    }

    @Test
    void unknownMemberFailsWithConsulsMessage() {
        AgentCluster a = agents.start(agents.config("a", false, 0, List.of()));

        assertThatThrownBy(() -> a.lan().forceLeave("nope", true).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(UnknownMemberException.class)
                .hasMessage("agent: No node found with name 'nope'");
    }

    @Test
    void failedAndLeftMembersAreReapedAfterTheirTimeouts() throws Exception {
        GossipConfig shortTimeouts = new GossipConfig(TestAgents.FAST.probeInterval(), TestAgents.FAST.probeTimeout(),
                TestAgents.FAST.suspicionMult(), TestAgents.FAST.gossipInterval(),
                Duration.ofSeconds(3), Duration.ofSeconds(2));
        AgentCluster a = agents.start(agents.client("a", shortTimeouts, List.of()));
        List<AgentCluster> rest = agents.startAll(List.of(
                agents.client("b", shortTimeouts, List.of(lanAddress(a))),
                agents.client("c", shortTimeouts, List.of(lanAddress(a)))));
        awaitAlive(a, 3, Duration.ofSeconds(10));
        Queue<String> seenByA = changes(a.lan());

        agents.stop(rest.get(0));                           // b fails
        rest.get(1).leave().get(20, TimeUnit.SECONDS);      // c leaves

        // Failed after about 2.5 s, then reaped 3 s later; left at once, then reaped 2 s later.
        await("b failed then reaped, c left then reaped, in a's view").atMost(Duration.ofSeconds(15))
                .until(() -> seenByA.containsAll(List.of("b:failed->none", "c:left->none")));
        assertThat(seenByA).containsSubsequence("b:alive->failed", "b:failed->none")
                .containsSubsequence("c:leaving->left", "c:left->none")
                .doesNotContain("c:leaving->failed", "c:alive->failed");
        assertThat(a.lan().members()).extracting(Member::name).containsExactly("a");
    }

    private static Queue<String> changes(Membership pool) {
        Queue<String> changes = new ConcurrentLinkedQueue<>();
        pool.addListener((m, previous) -> changes.add(m.name() + ":" + previous.word() + "->" + m.status().word()));
        return changes;
    }
}
