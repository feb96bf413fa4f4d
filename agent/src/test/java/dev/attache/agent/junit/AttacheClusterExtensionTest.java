package dev.attache.agent.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.agent.Agent;
import dev.attache.agent.local.LocalCluster;
import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension's cluster (3 servers, 2 client agents in this JVM) and the faults a test can inject into it. */
class AttacheClusterExtensionTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final List<String> ALL = List.of("dc1-s1", "dc1-s2", "dc1-s3", "dc1-c1", "dc1-c2");

    @RegisterExtension
    static AttacheClusterExtension cluster = AttacheClusterExtension.servers(3).clients(2).build();

    /** Each test leaves the cluster whole and converged for the next. */
    @AfterEach
    void restoreTheCluster() {
        LocalCluster c = cluster.cluster();
        c.heal();
        for (String name : ALL) {
            if (!c.isRunning(name)) {
                c.restart(name);
            } else if (c.isPaused(name)) {
                c.resume(name);
            }
        }
        cluster.awaitConverged();
    }

    @Test
    void everyAgentSeesEveryOtherAliveAndOneRaftLeader() {
        for (Agent agent : cluster.agents()) {
            assertThat(alive(agent)).as(agent.nodeName()).isEqualTo(Set.copyOf(ALL));
        }
        Set<String> leaders = cluster.agents().stream()
                .map(a -> a.cluster().leadership().leader().orElse("none")).collect(Collectors.toSet());
        assertThat(leaders).hasSize(1).allMatch(l -> l.startsWith("dc1-s"));
        assertThat(cluster.agent("dc1-s1").wanMembership().orElseThrow().members()).extracting(Member::name)
                .containsExactlyInAnyOrder("dc1-s1.dc1", "dc1-s2.dc1", "dc1-s3.dc1");
    }

    @Test
    void anAgentsHttpApiAnswersWithTheMembers() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(cluster.httpAddress("dc1-c1") + "/v1/agent/members")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode members = new ObjectMapper().readTree(response.body());
        assertThat(members).hasSize(5);
        for (JsonNode m : members) {
            assertThat(m.get("Status").asInt()).as(m.toString()).isEqualTo(1);
        }
    }

    @Test
    void aKilledAgentIsFailedInTheOthersViewsAndComesBackOnRestart() {
        LocalCluster c = cluster.cluster();
        c.kill("dc1-c2");

        await().atMost(DEADLINE).untilAsserted(() -> {
            for (String observer : List.of("dc1-s1", "dc1-s2", "dc1-s3", "dc1-c1")) {
                assertThat(c.status(observer, "dc1-c2")).as(observer).isEqualTo(MemberStatus.FAILED);
            }
        });
        assertThat(c.isRunning("dc1-c2")).isFalse();

        Agent again = c.restart("dc1-c2");

        c.awaitConverged(DEADLINE);
        assertThat(alive(again)).isEqualTo(Set.copyOf(ALL));
        assertThat(c.status("dc1-s1", "dc1-c2")).isEqualTo(MemberStatus.ALIVE);
    }

    @Test
    void aKilledRaftLeaderIsReplacedAndRejoinsAsAFollower() {
        LocalCluster c = cluster.cluster();
        String leader = cluster.agent("dc1-c1").cluster().leadership().leader().orElseThrow();
        c.kill(leader);

        c.awaitConverged(DEADLINE); // the two others elect a leader that every running agent names
        assertThat(cluster.agent("dc1-c1").cluster().leadership().leader()).isPresent().get().isNotEqualTo(leader);

        c.restart(leader);
        c.awaitConverged(DEADLINE);
        assertThat(cluster.agent(leader).cluster().leadership().isLeader()).isFalse();
    }

    @Test
    void aPartitionSplitsTheViewsBothWaysAndHealingJoinsThem() {
        LocalCluster c = cluster.cluster();
        Set<String> minority = Set.of("dc1-s1", "dc1-c1");
        c.partition(List.of(minority));

        c.awaitConverged(DEADLINE); // each side sees only itself alive
        assertThat(alive(cluster.agent("dc1-c1"))).isEqualTo(minority);
        assertThat(alive(cluster.agent("dc1-s2"))).isEqualTo(Set.of("dc1-s2", "dc1-s3", "dc1-c2"));
        assertThat(c.status("dc1-s2", "dc1-s1")).isEqualTo(MemberStatus.FAILED);
        assertThat(c.status("dc1-s1", "dc1-c2")).isEqualTo(MemberStatus.FAILED);

        c.heal();

        c.awaitConverged(DEADLINE);
        assertThat(alive(cluster.agent("dc1-c1"))).isEqualTo(Set.copyOf(ALL));
    }

    @Test
    void aPausedAgentIsDeclaredFailedAndIsAliveAgainOnResume() {
        LocalCluster c = cluster.cluster();
        c.pause("dc1-s3");

        await().atMost(DEADLINE).untilAsserted(() -> {
            for (String observer : List.of("dc1-s1", "dc1-s2", "dc1-c1", "dc1-c2")) {
                assertThat(c.status(observer, "dc1-s3")).as(observer).isEqualTo(MemberStatus.FAILED);
            }
        });
        // frozen, it noticed nothing: everyone is still alive in its own view
        assertThat(alive(cluster.agent("dc1-s3"))).isEqualTo(Set.copyOf(ALL));

        c.resume("dc1-s3");

        await().atMost(DEADLINE).untilAsserted(() -> {
            for (String observer : List.of("dc1-s1", "dc1-s2", "dc1-c1", "dc1-c2")) {
                assertThat(c.status(observer, "dc1-s3")).as(observer).isEqualTo(MemberStatus.ALIVE);
            }
        });
        c.awaitConverged(DEADLINE);
    }

    private static Set<String> alive(Agent agent) {
        return agent.membership().members().stream().filter(m -> m.status() == MemberStatus.ALIVE)
                .map(Member::name).collect(Collectors.toSet());
    }
}
