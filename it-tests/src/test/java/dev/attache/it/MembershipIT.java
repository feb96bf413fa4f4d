package dev.attache.it;

import static dev.attache.it.ProcessCluster.awaitStatus;
import static dev.attache.it.ProcessCluster.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gossip membership across real processes: dc1 has three servers and four clients (one per failure
 * scenario), dc2 two servers joined over the WAN. Every agent's own HTTP view is checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MembershipIT {
    static final Duration DETECT = Duration.ofSeconds(30);
    static final List<String> DC1 = List.of("s1", "s2", "s3", "c-kill", "c-stop", "c-leave", "c-force");

    private ProcessCluster cluster;

    @RegisterExtension
    final TestWatcher dumpOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (cluster != null) {
                System.err.println(context.getDisplayName() + " failed; " + cluster.dump());
            }
        }
    };

    @BeforeAll
    void start() throws Exception {
        cluster = new ProcessCluster(Files.createTempDirectory("attache-membership-it"));
        ProcessCluster.Node s1 = cluster.start(List.of("s1"), "dc1", List.of("-server", "-bootstrap-expect=3")).get(0);
        String joinS1 = "-retry-join=" + s1.lanAddress();
        String wanS1 = "-retry-join-wan=" + s1.wanAddress();
        cluster.start(List.of("s2", "s3"), "dc1", List.of("-server", "-bootstrap-expect=3", joinS1));
        cluster.start(List.of("c-kill", "c-stop", "c-leave", "c-force"), "dc1", List.of(joinS1));
        ProcessCluster.Node t1 = cluster.start(List.of("t1"), "dc2",
                List.of("-server", "-bootstrap-expect=2", wanS1)).get(0);
        cluster.start(List.of("t2"), "dc2", List.of("-server", "-bootstrap-expect=2", wanS1,
                "-retry-join=" + t1.lanAddress()));
        for (String name : DC1) {
            awaitStatus(cluster.observers("dc1"), name, 1, Duration.ofSeconds(60));
        }
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private ProcessCluster.Node node(String name) {
        return cluster.node(name);
    }

    @Test
    void everyAgentSeesEveryDc1MemberAliveWithConsulTags() {
        await("every view has the servers").atMost(DETECT).ignoreExceptions().untilAsserted(() -> {
            for (ProcessCluster.Node o : cluster.observers("dc1")) {
                assertThat(view(o, false)).as("%s's view", o.name)
                        .containsEntry("s1", 1).containsEntry("s2", 1).containsEntry("s3", 1);
            }
        });
        JsonNode members = node("s2").http().get("/v1/agent/members").json();
        for (JsonNode m : members) {
            boolean server = m.get("Name").asText().startsWith("s");
            assertThat(m.at("/Tags/role").asText()).isEqualTo(server ? "consul" : "node");
            assertThat(m.at("/Tags/dc").asText()).isEqualTo("dc1");
            assertThat(m.at("/Tags/id").asText()).hasSize(36);
            if (server) {
                assertThat(m.at("/Tags/port").asInt()).isPositive();
            }
        }
    }

    @Test
    void serversSeeBothDatacentersInTheWanAndClientsGetNull() {
        await("WAN pool").atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            for (String server : List.of("s1", "s3", "t2")) {
                Map<String, Integer> wan = view(node(server), true);
                assertThat(wan).as("%s's WAN view", server).containsAllEntriesOf(Map.of(
                        "s1.dc1", 1, "s2.dc1", 1, "s3.dc1", 1, "t1.dc2", 1, "t2.dc2", 1));
            }
        });
        JsonNode t1 = node("s1").http().get("/v1/agent/members?wan=1").json();
        for (JsonNode m : t1) {
            if (m.get("Name").asText().equals("t1.dc2")) {
                assertThat(m.at("/Tags/dc").asText()).isEqualTo("dc2");
                assertThat(m.at("/Tags/wan_join_port").isMissingNode()).isTrue();
            }
        }
        Http.Reply client = node("c-kill").http().get("/v1/agent/members?wan=1");
        assertThat(client.status()).isEqualTo(200);
        assertThat(client.body()).isEqualTo("null");
        assertThat(view(node("s1"), false)).doesNotContainKey("t1");
    }

    @Test
    void killedAgentIsFailedEverywhereThenAliveAfterRestart() {
        ProcessCluster.Node victim = node("c-kill");
        victim.process.signal("KILL");
        awaitStatus(cluster.observers("dc1", victim), "c-kill", 4, DETECT);
        cluster.restart(victim);
        awaitStatus(cluster.observers("dc1", victim), "c-kill", 1, DETECT);
    }

    @Test
    void frozenAgentIsFailedEverywhereThenAliveWhenResumed() {
        ProcessCluster.Node victim = node("c-stop");
        victim.process.signal("STOP");
        try {
            awaitStatus(cluster.observers("dc1", victim), "c-stop", 4, DETECT);
        } finally {
            victim.process.signal("CONT");
        }
        awaitStatus(cluster.observers("dc1", victim), "c-stop", 1, DETECT);
    }

    @Test
    void gracefulLeaveIsLeftEverywhereNeverFailedAndTheAgentExits() {
        ProcessCluster.Node victim = node("c-leave");
        List<ProcessCluster.Node> observers = cluster.observers("dc1", victim);
        Http.Reply r = victim.http().put("/v1/agent/leave", "");
        assertThat(r.status()).isEqualTo(200);
        Set<Integer> seen = new HashSet<>();
        await("c-leave left everywhere").atMost(DETECT).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .untilAsserted(() -> {
                    for (ProcessCluster.Node o : observers) {
                        Integer status = view(o, false).get("c-leave");
                        seen.add(status);
                        assertThat(status).as("%s's view of c-leave", o.name).isEqualTo(3);
                    }
                });
        assertThat(seen).doesNotContain(4);
        assertThat(victim.process.awaitExit(Duration.ofSeconds(30))).isZero();
    }

    @Test
    void forceLeaveTurnsFailedIntoLeftAndPruneRemovesEverywhere() {
        ProcessCluster.Node victim = node("c-force");
        List<ProcessCluster.Node> observers = cluster.observers("dc1", victim);
        victim.process.signal("KILL");
        awaitStatus(observers, "c-force", 4, DETECT);
        assertThat(node("s1").http().put("/v1/agent/force-leave/c-force", "").status()).isEqualTo(200);
        awaitStatus(observers, "c-force", 3, DETECT);
        assertThat(node("c-stop").http().put("/v1/agent/force-leave/c-force?prune", "").status()).isEqualTo(200);
        awaitStatus(observers, "c-force", null, DETECT);
    }

    @Test
    void forceLeaveOfUnknownNodeIsConsulsError() {
        Http.Reply r = node("s1").http().put("/v1/agent/force-leave/nobody", "");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("agent: No node found with name 'nobody'");
        Http.Reply wanOnClient = node("c-kill").http().put("/v1/agent/force-leave/nobody?wan", "");
        assertThat(wanOnClient.status()).isEqualTo(500);
        assertThat(wanOnClient.body()).isEqualTo("Must be a server to force-leave a node from the WAN cluster");
    }

    @Test
    void runtimeJoinByAddressMergesAStandaloneAgent() {
        ProcessCluster.Node loner = cluster.start(List.of("c-join"), "dc1", List.of()).get(0);
        assertThat(view(loner, false)).containsOnlyKeys("c-join");
        Http.Reply r = loner.http().put("/v1/agent/join/" + node("s2").lanAddress(), "");
        assertThat(r.status()).isEqualTo(200);
        awaitStatus(cluster.observers("dc1"), "c-join", 1, DETECT);
        await().atMost(DETECT).ignoreExceptions()
                .untilAsserted(() -> assertThat(view(loner, false)).containsEntry("s1", 1).containsEntry("s3", 1));
    }

    @Test
    void joinToAnUnreachableAddressFailsQuicklyWithConsulsText() {
        long start = System.nanoTime();
        Http.Reply r = node("s3").http().put("/v1/agent/join/127.0.0.1:1", "");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).startsWith("1 error occurred:\n\t* Failed to join 127.0.0.1:1: ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        Http.Reply wanOnClient = node("c-kill").http().put("/v1/agent/join/127.0.0.1:1?wan=1", "");
        assertThat(wanOnClient.status()).isEqualTo(500);
        assertThat(wanOnClient.body()).isEqualTo("Must be a server to join WAN cluster");
    }

    @Test
    void joinAndForceLeaveAreWriteMethodsOnly() {
        Http.Reply r = node("s1").http().get("/v1/agent/join/127.0.0.1");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("OPTIONS,PUT");
        assertThat(node("s1").http().get("/v1/agent/members?partition=x").status()).isEqualTo(400);
    }

}
