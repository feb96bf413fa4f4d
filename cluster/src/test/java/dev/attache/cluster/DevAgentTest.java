package dev.attache.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A single dev server agent (bootstrap_expect = 1). */
class DevAgentTest {

    @RegisterExtension
    final TestAgents agents = new TestAgents();


    @Test
    void devServerListsItselfAliveAndLeadsItsOwnRaftGroup() {
        ClusterConfig config = agents.config("dev1", true, 1, List.of());
        AgentCluster agent = agents.start(config);

        assertThat(agent.serfLanPort()).isPositive();
        assertThat(agent.serverPort()).isPositive().isNotEqualTo(agent.serfLanPort());
        assertThat(agent.lan().members()).extracting(Member::status).containsExactly(MemberStatus.ALIVE);
        Member self = agent.lan().localMember();
        assertThat(self.name()).isEqualTo("dev1");
        assertThat(self.address()).isEqualTo("127.0.0.1");
        assertThat(self.port()).isEqualTo(agent.serfLanPort());
        assertThat(self.status()).isEqualTo(MemberStatus.ALIVE);
        assertThat(self.tags())
                .containsEntry("role", "consul")
                .containsEntry("dc", "dc1")
                .containsEntry("id", config.nodeId())
                .containsEntry("port", Integer.toString(agent.serverPort()))
                .containsEntry("build", "test")
                .doesNotContainKeys("attache.status");
        assertThat(agent.lan().members()).containsExactly(self);

        // Atomix's Raft election timeout is a fixed 2.5 s (+ up to 2.5 s random), so a group of one needs ~5 s.
        await("dev1 leads").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> agent.leadership().isLeader());
        assertThat(agent.leadership().leader()).contains("dev1");
        assertThat(agent.leadership().lastContactMillis()).isZero();
        assertThat(agent.leadership().stats())
                .containsEntry("state", "Leader")
                .containsEntry("num_peers", "0")
                .containsEntry("last_contact", "0")
                .containsKeys("term", "last_log_index", "commit_index", "applied_index");
        assertThat(Long.parseLong(agent.leadership().stats().get("term"))).isPositive();
        assertThat(config.dataDir().resolve("raft/peers.json")).exists();
        assertThat(Files.isDirectory(config.dataDir().resolve("raft/data"))).isTrue();
    }

    @Test
    void restartedDevServerReusesItsSavedPeersAndRaftLog() throws Exception {
        ClusterConfig config = agents.config("dev2", true, 1, List.of());
        AgentCluster first = agents.start(config);
        await("dev2 leads").atMost(Duration.ofSeconds(20)).until(() -> first.leadership().isLeader());
        long firstTerm = Long.parseLong(first.leadership().stats().get("term"));
        String peers = Files.readString(config.dataDir().resolve("raft/peers.json"));
        agents.stop(first);

        AgentCluster second = agents.start(config);

        await("dev2 leads again").atMost(Duration.ofSeconds(20)).until(() -> second.leadership().isLeader());
        assertThat(Long.parseLong(second.leadership().stats().get("term"))).isGreaterThan(firstTerm);
        assertThat(Files.readString(config.dataDir().resolve("raft/peers.json"))).isEqualTo(peers);
    }

    @Test
    void clientAgentRunsNoRaft() {
        AgentCluster agent = agents.start(agents.config("client1", false, 0, List.of()));

        assertThat(agent.lan().members()).extracting(Member::status).containsExactly(MemberStatus.ALIVE);
        assertThat(agent.serverPort()).isZero();
        assertThat(agent.lan().localMember().tags()).containsEntry("role", "node").doesNotContainKey("port");
        assertThat(agent.leadership().isLeader()).isFalse();
        assertThat(agent.leadership().leader()).isEmpty();
        assertThat(agent.leadership().stats()).isEmpty();
    }
}
