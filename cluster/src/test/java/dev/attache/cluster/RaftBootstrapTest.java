package dev.attache.cluster;

import static dev.attache.cluster.TestAgents.awaitAlive;
import static dev.attache.cluster.TestAgents.lanAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Servers form their datacenter's Raft group from the LAN pool. */
class RaftBootstrapTest {

    /** Two Raft groups elect in turn, each after Atomix's fixed 2.5–5 s election timeout, on a busy 2-core box. */
    static final Duration ELECTION_DEADLINE = Duration.ofSeconds(40);

    @RegisterExtension
    final TestAgents agents = new TestAgents();


    @Test
    void threeServersWithBootstrapExpectThreeAgreeOnOneLeader() throws Exception {
        int p1 = TestAgents.deadPort();
        String seed = "127.0.0.1:" + p1;
        List<ClusterConfig> configs = List.of(
                agents.config("srv1", true, 3, List.of(), p1),
                agents.config("srv2", true, 3, List.of(seed)),
                agents.config("srv3", true, 3, List.of(seed)));
        List<AgentCluster> servers = agents.startAll(configs);
        for (AgentCluster s : servers) {
            awaitAlive(s, 3, Duration.ofSeconds(15));
        }

        await("one leader agreed by all").atMost(ELECTION_DEADLINE).pollInterval(Duration.ofMillis(200))
                .until(() -> servers.stream().filter(s -> s.leadership().isLeader()).count() == 1
                        && servers.stream().map(s -> s.leadership().leader()).distinct().count() == 1
                        && servers.get(0).leadership().leader().isPresent());
        String leader = servers.get(0).leadership().leader().orElseThrow();
        assertThat(leader).isIn("srv1", "srv2", "srv3");
        for (AgentCluster s : servers) {
            String name = s.lan().localMember().name();
            assertThat(s.leadership().isLeader()).isEqualTo(name.equals(leader));
            assertThat(s.leadership().stats())
                    .containsEntry("state", name.equals(leader) ? "Leader" : "Follower")
                    .containsEntry("num_peers", "2");
        }
        for (ClusterConfig c : configs) {
            String peers = Files.readString(c.dataDir().resolve("raft/peers.json"));
            assertThat(peers).contains("\"srv1\"", "\"srv2\"", "\"srv3\"");
        }

        // Followers hear the leader's heartbeats (every 250 ms).
        AgentCluster follower = servers.stream().filter(s -> !s.leadership().isLeader()).findFirst().orElseThrow();
        await("follower contact").atMost(Duration.ofSeconds(5))
                .until(() -> !follower.leadership().stats().get("last_contact").equals("never"));
        assertThat(follower.leadership().lastContactMillis()).isLessThan(2_500);

        // A client agent runs no Raft but learns the leader from the servers' LAN entries.
        AgentCluster client = agents.start(agents.config("cli1", false, 0, List.of(lanAddress(servers.get(1)))));
        await("client knows the leader").atMost(Duration.ofSeconds(10))
                .until(() -> client.leadership().leader().equals(Optional.of(leader)));
        assertThat(client.leadership().isLeader()).isFalse();
        awaitAlive(client, 4, Duration.ofSeconds(10));
        assertThat(client.lan().members().stream().map(Member::name).collect(Collectors.toList()))
                .containsExactly("cli1", "srv1", "srv2", "srv3");
    }
}
