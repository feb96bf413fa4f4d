package dev.attache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The replicated ACL state across three server processes and a client agent: a token made through any agent
 * works through every agent; killing the leader (kill -9) during 64 concurrent creates loses no acknowledged
 * token; restarting every server keeps every token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AclClusterIT {
    static final String MANAGEMENT = "2f0b6b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    static final Duration FORMED = Duration.ofSeconds(90);

    private ProcessCluster cluster;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

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
        Path dir = Files.createTempDirectory("attache-acl-it");
        Path acl = dir.resolve("acl.json");
        Files.writeString(acl, "{\"acl\":{\"enabled\":true,\"default_policy\":\"deny\","
                + "\"tokens\":{\"initial_management\":\"" + MANAGEMENT + "\"}}}");
        cluster = new ProcessCluster(dir);
        String aclFile = "-config-file=" + acl;
        ProcessCluster.Node s1 = cluster.start(List.of("s1"), "dc1",
                List.of("-server", "-bootstrap-expect=3", aclFile)).get(0);
        String join = "-retry-join=" + s1.lanAddress();
        cluster.start(List.of("s2", "s3"), "dc1", List.of("-server", "-bootstrap-expect=3", join, aclFile));
        cluster.start(List.of("c1"), "dc1", List.of(join, aclFile));
        for (ProcessCluster.Node n : cluster.nodes()) {
            awaitManagementWorks(n);
        }
        created(mgmt(s1).put("/v1/acl/policy",
                "{\"Name\":\"agent-read\",\"Rules\":\"agent_prefix \\\"\\\" { policy = \\\"read\\\" }\"}"));
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aTokenMadeThroughOneAgentIsUsableThroughEveryAgent() {
        for (ProcessCluster.Node writer : cluster.nodes()) {
            JsonNode token = created(mgmt(writer).put("/v1/acl/token",
                    "{\"Description\":\"via " + writer.name + "\",\"Policies\":[{\"Name\":\"agent-read\"}]}"));
            String secret = token.get("SecretID").asText();
            for (ProcessCluster.Node reader : cluster.nodes()) {
                Http as = reader.http().withToken(secret);
                await(writer.name + "'s token through " + reader.name).atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(as.get("/v1/agent/self").status()).isEqualTo(200));
                Http.Reply self = as.get("/v1/acl/token/self");
                assertThat(self.status()).isEqualTo(200);
                assertThat(self.json().get("AccessorID").asText()).isEqualTo(token.get("AccessorID").asText());
                // agent:read only: writes stay refused everywhere
                assertThat(as.put("/v1/agent/join/127.0.0.1:1", "").status()).isEqualTo(403);
            }
        }
    }

    @Test
    @Order(2)
    void killingTheLeaderDuring64ConcurrentCreatesLosesNoAcknowledgedToken() throws Exception {
        ProcessCluster.Node leader = leader();
        List<ProcessCluster.Node> others = cluster.nodes().stream().filter(n -> n != leader).toList();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            CompletableFuture<Void> killed = new CompletableFuture<>();
            for (int i = 0; i < 64; i++) {
                ProcessCluster.Node via = others.get(i % others.size());
                int n = i;
                writes.add(CompletableFuture.runAsync(() -> {
                    if (n == 16) {
                        leader.process.signal("KILL");
                        killed.complete(null);
                    }
                    // a write answered "No cluster leader" (each waits up to Consul's 7 s hold) is tried again, as a
                    // client would, until one is acknowledged: on two loaded cores an election can take longer
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (true) {
                        Http.Reply r = mgmt(via).put("/v1/acl/token", "{\"Description\":\"concurrent " + n + "\"}");
                        if (r.status() == 200) {
                            acknowledged.add(r.json().get("AccessorID").asText());
                            return;
                        }
                        // unacknowledged: Consul's no-leader answer, nothing else
                        assertThat(r.body()).contains("No cluster leader");
                        if (System.nanoTime() > deadline) {
                            return;
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            assertThat(killed).isDone();
        } finally {
            pool.shutdownNow();
        }
        assertThat(acknowledged).isNotEmpty();
        await("a new leader").atMost(FORMED).ignoreExceptions().until(() -> leader() != leader);
        for (ProcessCluster.Node n : others) {
            assertEveryAcknowledgedTokenReadableThrough(n);
        }
        cluster.restart(leader);
        awaitManagementWorks(leader);
        assertEveryAcknowledgedTokenReadableThrough(leader);
    }

    @Test
    @Order(3)
    void everyTokenSurvivesARestartOfEveryServer() {
        List<ProcessCluster.Node> servers = cluster.nodes().stream().filter(n -> n.name.startsWith("s")).toList();
        JsonNode before = mgmt(servers.get(0)).get("/v1/acl/tokens").json();
        assertThat(before.size()).isGreaterThan(acknowledged.size());
        servers.forEach(s -> s.process.signal("KILL"));
        servers.forEach(s -> s.process.awaitExit(Duration.ofSeconds(30)));
        servers.parallelStream().forEach(cluster::restart);
        for (ProcessCluster.Node n : cluster.nodes()) {
            awaitManagementWorks(n);
            assertEveryAcknowledgedTokenReadableThrough(n);
        }
        JsonNode after = mgmt(servers.get(1)).get("/v1/acl/tokens").json();
        List<String> idsBefore = new ArrayList<>();
        before.forEach(t -> idsBefore.add(t.get("AccessorID").asText()));
        List<String> idsAfter = new ArrayList<>();
        after.forEach(t -> idsAfter.add(t.get("AccessorID").asText()));
        assertThat(idsAfter).containsExactlyElementsOf(idsBefore);
    }

    // ---- helpers ----

    private static Http mgmt(ProcessCluster.Node n) {
        return n.http().withToken(MANAGEMENT);
    }

    private static void awaitManagementWorks(ProcessCluster.Node n) {
        await(n.name + " resolves the management token").atMost(FORMED).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(mgmt(n).get("/v1/acl/token/self").status()).isEqualTo(200));
    }

    private void assertEveryAcknowledgedTokenReadableThrough(ProcessCluster.Node n) {
        Http http = mgmt(n);
        for (String accessor : acknowledged) {
            Http.Reply r = await(accessor + " through " + n.name).atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> http.get("/v1/acl/token/" + accessor), reply -> reply.status() == 200);
            assertThat(r.json().get("AccessorID").asText()).isEqualTo(accessor);
        }
    }

    /** The server that reports itself as the Raft leader. */
    private ProcessCluster.Node leader() {
        return await("a leader").atMost(FORMED).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> cluster.nodes().stream()
                        .filter(n -> n.name.startsWith("s") && n.process.isAlive())
                        .filter(n -> "Leader".equals(mgmt(n).get("/v1/agent/self").json()
                                .path("Stats").path("raft").path("state").asText()))
                        .findFirst().orElse(null), l -> l != null);
    }

    private static JsonNode created(Http.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
