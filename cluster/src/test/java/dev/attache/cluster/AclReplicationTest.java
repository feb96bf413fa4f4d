package dev.attache.cluster;

import static dev.attache.cluster.TestAgents.awaitAlive;
import static dev.attache.cluster.TestAgents.lanAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.attache.acl.AclException;
import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.AclState;
import dev.attache.acl.state.TokenSpec;
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.PolicyLink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ACL state machine replicated by each datacenter's Raft group, through every server and client agent. */
class AclReplicationTest {
    static final Duration FORMED = Duration.ofSeconds(60);
    static final String MANAGEMENT_SECRET = "9c7d1ec4-5d3c-4a8f-9a43-0e7f2b3c1d11";

    @RegisterExtension
    final TestAgents agents = new TestAgents();

    @Test
    void aTokenWrittenThroughOneAgentIsReadThroughEveryAgent() throws Exception {
        List<AgentCluster> servers = threeServers();
        AgentCluster client = agents.start(withAcl(agents.config("cli1", false, 0, List.of(lanAddress(servers.get(0))))));
        awaitAlive(client, 4, Duration.ofSeconds(15));
        List<AgentCluster> all = new ArrayList<>(servers);
        all.add(client);

        for (AgentCluster writer : all) {
            AclToken made = (AclToken) writer.acl().submit(create("made via " + name(writer)))
                    .get(20, TimeUnit.SECONDS);
            assertThat(made.createIndex()).isPositive().isEqualTo(made.modifyIndex());
            for (AgentCluster reader : all) {
                AclState state = reader.acl().read(AclReplication.Consistency.DEFAULT).get(20, TimeUnit.SECONDS);
                assertThat(state.token(made.accessorId())).as("read via " + name(reader)).contains(made);
                assertThat(state.tokensIndex()).isGreaterThanOrEqualTo(made.modifyIndex());
            }
        }
        // Every server's own replica catches up without a barrier too.
        for (AgentCluster s : servers) {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    s.acl().read(AclReplication.Consistency.STALE).join().tokens().size() == 2 + all.size());
        }
    }

    @Test
    void aRefusedWriteReachesTheCallerWithConsulsMessage() throws Exception {
        List<AgentCluster> servers = threeServers();
        AgentCluster follower = servers.stream().filter(s -> !s.leadership().isLeader()).findFirst().orElseThrow();
        TokenSpec bad = spec("bad link", List.of(new PolicyLink("", "no-such-policy")));
        CompletableFuture<Object> refused = follower.acl().submit(new AclCommand.TokenCreate(Instant.now(), bad));
        assertThat(refused).failsWithin(Duration.ofSeconds(20)).withThrowableThat()
                .havingRootCause().isInstanceOf(AclException.class)
                .withMessage("No such ACL policy with name \"no-such-policy\"");
    }

    @Test
    void everyAcknowledgedCreateSurvivesTheLeaderStoppingMidway() throws Exception {
        List<AgentCluster> servers = threeServers();
        AgentCluster leader = servers.stream().filter(s -> s.leadership().isLeader()).findFirst().orElseThrow();
        List<AgentCluster> followers = servers.stream().filter(s -> s != leader).toList();

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Object>> writes = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            AgentCluster via = followers.get(i % 2);
            CompletableFuture<Object> w = via.acl().submit(create("concurrent " + i));
            w.thenAccept(r -> acknowledged.add(((AclToken) r).accessorId()));
            writes.add(w);
            if (i == 20) {
                CompletableFuture.runAsync(() -> agents.stop(leader));
            }
        }
        CompletableFuture.allOf(writes.stream().map(w -> w.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);
        await("a new leader").atMost(FORMED).until(() -> followers.stream().anyMatch(s -> s.leadership().isLeader()));

        assertThat(acknowledged).isNotEmpty();
        for (AgentCluster s : followers) {
            AclState state = s.acl().read(AclReplication.Consistency.DEFAULT).get(20, TimeUnit.SECONDS);
            for (String accessor : acknowledged) {
                assertThat(state.token(accessor)).as(accessor + " via " + name(s)).isPresent();
            }
        }
    }

    /**
     * A graceful stop and start of all three servers. {@code AclClusterIT} checks the same with {@code kill -9} of
     * three server processes in the default run, so this one runs with {@code -Psoak}.
     */
    @Test
    @org.junit.jupiter.api.Tag("soak")
    void everyTokenSurvivesARestartOfEveryServer() throws Exception {
        List<AgentCluster> servers = threeServers();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            made.add(((AclToken) servers.get(i % 3).acl().submit(create("kept " + i)).get(20, TimeUnit.SECONDS))
                    .accessorId());
        }
        List<ClusterConfig> again = new ArrayList<>();
        for (AgentCluster s : servers) {
            ClusterConfig c = configs.get(name(s));
            again.add(new ClusterConfig(c.nodeName(), c.nodeId(), c.datacenter(), c.bindAddress(), s.serfLanPort(), 0,
                    s.serverPort(), true, c.bootstrapExpect(), List.of(), List.of(), c.dataDir(), c.gossipLan(),
                    c.gossipWan(), c.tags(), c.acl()));
        }
        for (AgentCluster s : servers) {
            agents.stop(s);
        }
        List<ClusterConfig> seeded = new ArrayList<>();
        for (ClusterConfig c : again) {
            List<String> seeds = again.stream().filter(o -> o != c).map(o -> "127.0.0.1:" + o.serfLanPort()).toList();
            seeded.add(new ClusterConfig(c.nodeName(), c.nodeId(), c.datacenter(), c.bindAddress(), c.serfLanPort(), 0,
                    c.serverPort(), true, c.bootstrapExpect(), seeds, List.of(), c.dataDir(), c.gossipLan(),
                    c.gossipWan(), c.tags(), c.acl()));
        }
        List<AgentCluster> restarted = agents.startAll(seeded);
        await("a leader after the restart").atMost(FORMED)
                .until(() -> restarted.stream().anyMatch(s -> s.leadership().isLeader()));
        for (AgentCluster s : restarted) {
            AclState state = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> s.acl().read(AclReplication.Consistency.DEFAULT).get(10, TimeUnit.SECONDS),
                            st -> st != null);
            for (String accessor : made) {
                assertThat(state.token(accessor)).as(accessor + " via " + name(s)).isPresent();
            }
            assertThat(state.bootstrapIndex()).isPositive();
        }
    }

    // ---- helpers ----

    private final java.util.Map<String, ClusterConfig> configs = new ConcurrentHashMap<>();

    private List<AgentCluster> threeServers() {
        int p1 = TestAgents.deadPort();
        String seed = "127.0.0.1:" + p1;
        List<ClusterConfig> list = List.of(
                withAcl(agents.config("srv1", true, 3, List.of(), p1)),
                withAcl(agents.config("srv2", true, 3, List.of(seed))),
                withAcl(agents.config("srv3", true, 3, List.of(seed))));
        list.forEach(c -> configs.put(c.nodeName(), c));
        List<AgentCluster> servers = agents.startAll(list);
        await("a leader").atMost(FORMED).pollInterval(Duration.ofMillis(200))
                .until(() -> servers.stream().filter(s -> s.leadership().isLeader()).count() == 1);
        // The leader initializes the state: builtin policies, anonymous token, initial management token.
        for (AgentCluster s : servers) {
            await("initialized via " + name(s)).atMost(FORMED).ignoreExceptions().until(() -> {
                AclState st = s.acl().read(AclReplication.Consistency.DEFAULT).get(10, TimeUnit.SECONDS);
                return st.policy(AclPolicy.GLOBAL_MANAGEMENT_ID).isPresent()
                        && st.token(AclToken.ANONYMOUS_ACCESSOR_ID).isPresent()
                        && st.tokenBySecret(MANAGEMENT_SECRET).isPresent();
            });
        }
        return servers;
    }

    private static ClusterConfig withAcl(ClusterConfig c) {
        return new ClusterConfig(c.nodeName(), c.nodeId(), c.datacenter(), c.bindAddress(), c.serfLanPort(),
                c.serfWanPort(), c.serverPort(), c.server(), c.bootstrapExpect(), c.retryJoin(), c.retryJoinWan(),
                c.dataDir(), c.gossipLan(), c.gossipWan(), c.tags(), new AclSettings(true, MANAGEMENT_SECRET));
    }

    private static AclCommand create(String description) {
        return new AclCommand.TokenCreate(Instant.now(), spec(description,
                List.of(PolicyLink.ofId(AclPolicy.GLOBAL_MANAGEMENT_ID))));
    }

    private static TokenSpec spec(String description, List<PolicyLink> policies) {
        return new TokenSpec(UUID.randomUUID().toString(), false, UUID.randomUUID().toString(), false, description,
                policies, List.of(), List.of(), List.of(), false, null, null);
    }

    private static String name(AgentCluster a) {
        return a.lan().localMember().name();
    }
}
