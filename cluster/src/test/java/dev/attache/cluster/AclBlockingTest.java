package dev.attache.cluster;

import static dev.attache.cluster.TestAgents.awaitAlive;
import static dev.attache.cluster.TestAgents.lanAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.AclState;
import dev.attache.acl.state.AclTable;
import dev.attache.acl.state.TokenSpec;
import dev.attache.acl.token.AclToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Blocking reads of the replicated ACL state: on a server's replica, and forwarded by a client agent. */
class AclBlockingTest {
    static final Duration FORMED = Duration.ofSeconds(60);

    @RegisterExtension
    final TestAgents agents = new TestAgents();

    private AgentCluster server() {
        ClusterConfig c = agents.config("srv1", true, 1, List.of());
        AgentCluster s = agents.start(new ClusterConfig(c.nodeName(), c.nodeId(), c.datacenter(), c.bindAddress(),
                c.serfLanPort(), c.serfWanPort(), c.serverPort(), true, 1, List.of(), List.of(), c.dataDir(),
                c.gossipLan(), c.gossipWan(), c.tags(), new AclSettings(true, "")));
        await("initialized").atMost(FORMED).ignoreExceptions().until(() -> s.acl()
                .read(AclReplication.Consistency.DEFAULT).get(10, TimeUnit.SECONDS).tokens().size() == 1);
        return s;
    }

    private static AclToken create(AgentCluster via) throws Exception {
        return (AclToken) via.acl().submit(new AclCommand.TokenCreate(Instant.now(), new TokenSpec(
                UUID.randomUUID().toString(), false, UUID.randomUUID().toString(), false, "made", List.of(),
                List.of(), List.of(), List.of(), false, null, null))).get(20, TimeUnit.SECONDS);
    }

    @Test
    void aThousandBlockedReadersAllWakeOnOneWrite() throws Exception {
        AgentCluster s = server();
        long before = s.acl().read(AclReplication.Consistency.STALE).join().tokensIndex();
        List<CompletableFuture<AclState>> blocked = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            blocked.add(s.acl().await(AclReplication.Consistency.STALE, AclTable.TOKENS, before, Duration.ofMinutes(1)));
        }
        assertThat(blocked).noneMatch(CompletableFuture::isDone);
        AclToken made = create(s);
        CompletableFuture.allOf(blocked.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        for (CompletableFuture<AclState> f : blocked) {
            assertThat(f.join().tokensIndex()).isEqualTo(made.modifyIndex());
        }
    }

    @Test
    void aDefaultReadBlocksUntilTheTableMovesAndAPolicyWriteDoesNotWakeATokenRead() throws Exception {
        AgentCluster s = server();
        long before = s.acl().read(AclReplication.Consistency.DEFAULT).join().tokensIndex();
        CompletableFuture<AclState> tokens = s.acl().await(AclReplication.Consistency.DEFAULT, AclTable.TOKENS, before,
                Duration.ofMinutes(1));
        CompletableFuture<AclState> policies = s.acl().await(AclReplication.Consistency.CONSISTENT,
                AclTable.POLICIES, s.acl().read(AclReplication.Consistency.STALE).join().policiesIndex(),
                Duration.ofMillis(500));
        AclToken made = create(s);
        assertThat(tokens.get(10, TimeUnit.SECONDS).tokensIndex()).isEqualTo(made.modifyIndex());
        // nothing changed the policies: the read times out with the index it had
        AclState timedOut = policies.get(10, TimeUnit.SECONDS);
        assertThat(timedOut.policiesIndex()).isLessThan(made.modifyIndex());
    }

    @Test
    void aClientAgentForwardsABlockedReadToItsServer() throws Exception {
        AgentCluster s = server();
        AgentCluster client = agents.start(agents.config("cli1", false, 0, List.of(lanAddress(s))));
        awaitAlive(client, 2, Duration.ofSeconds(15));
        long before = await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                client.acl().read(AclReplication.Consistency.DEFAULT).get(10, TimeUnit.SECONDS).tokensIndex(),
                i -> i > 0);
        CompletableFuture<AclState> blocked = client.acl().await(AclReplication.Consistency.DEFAULT, AclTable.TOKENS,
                before, Duration.ofSeconds(30));
        AclToken made = create(client);
        AclState woke = blocked.get(20, TimeUnit.SECONDS);
        assertThat(woke.tokensIndex()).isEqualTo(made.modifyIndex());
        assertThat(woke.token(made.accessorId())).isPresent();
        // and times out, with the same index, when nothing changes
        AclState same = client.acl().await(AclReplication.Consistency.STALE, AclTable.TOKENS, woke.tokensIndex(),
                Duration.ofMillis(300)).get(20, TimeUnit.SECONDS);
        assertThat(same.tokensIndex()).isEqualTo(woke.tokensIndex());
    }
}
