package dev.attache.agent.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.agent.Agent;
import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process clusters: two datacenters over the WAN, a frozen Raft leader, a restart on the same ports and data. */
class LocalClusterTest {

    private static final Duration DEADLINE = Duration.ofSeconds(45);

    @TempDir
    Path root;

    @Test
    void twoDatacentersJoinOverTheWanAndAPartitionBetweenThemHeals() {
        try (LocalCluster lab = LocalCluster.builder().datacenters(2).servers(1).clients(1).dataRoot(root).start()) {
            assertThat(lab.names()).containsExactly("dc1-s1", "dc1-c1", "dc2-s1", "dc2-c1");
            lab.awaitConverged(DEADLINE);
            assertThat(wanAlive(lab.agent("dc1-s1"))).containsExactlyInAnyOrder("dc1-s1.dc1", "dc2-s1.dc2");
            assertThat(lab.agent("dc2-c1").membership().members()).extracting(Member::name)
                    .containsExactlyInAnyOrder("dc2-s1", "dc2-c1");
            assertThat(Files.isDirectory(root.resolve("dc2-c1"))).isTrue();

            lab.partition(List.of(Set.of("dc1-s1", "dc1-c1")));
            lab.awaitConverged(DEADLINE);
            assertThat(wanAlive(lab.agent("dc1-s1"))).containsExactly("dc1-s1.dc1");
            assertThat(wanAlive(lab.agent("dc2-s1"))).containsExactly("dc2-s1.dc2");

            lab.heal();
            lab.awaitConverged(DEADLINE);
            assertThat(wanAlive(lab.agent("dc2-s1"))).containsExactlyInAnyOrder("dc1-s1.dc1", "dc2-s1.dc2");
        }
    }

    @Test
    void aFrozenLeaderIsReplacedAndAKilledClientComesBackOnItsPortsAndNodeId() {
        try (LocalCluster lab = LocalCluster.builder().servers(3).clients(1).start()) {
            lab.awaitConverged(DEADLINE);
            String leader = lab.agent("dc1-c1").cluster().leadership().leader().orElseThrow();

            lab.pause(leader);
            lab.awaitConverged(DEADLINE); // the others declared it failed and elected a leader among themselves
            assertThat(lab.status("dc1-c1", leader)).isEqualTo(MemberStatus.FAILED);
            assertThat(lab.agent("dc1-c1").cluster().leadership().leader()).get().isNotEqualTo(leader);
            assertThat(lab.isPaused(leader)).isTrue();

            lab.resume(leader);
            lab.awaitConverged(DEADLINE);
            assertThat(lab.status("dc1-c1", leader)).isEqualTo(MemberStatus.ALIVE);

            Agent client = lab.agent("dc1-c1");
            String nodeId = client.config().nodeId();
            int http = client.httpPort();
            int lan = client.serfLanPort();
            lab.kill("dc1-c1");
            assertThatThrownBy(() -> lab.agent("dc1-c1")).hasMessageContaining("not running");

            Agent again = lab.restart("dc1-c1");

            assertThat(again.config().nodeId()).isEqualTo(nodeId);
            assertThat(again.httpPort()).isEqualTo(http);
            assertThat(again.serfLanPort()).isEqualTo(lan);
            lab.awaitConverged(DEADLINE);
        }
        assertThat(root).isEmptyDirectory(); // the data went to a temporary root, deleted on close
    }

    @Test
    void unknownNamesAndOverlappingGroupsAreRefused() {
        assertThatThrownBy(() -> LocalCluster.builder().servers(0)).hasMessageContaining("at least 1");
        try (LocalCluster lab = LocalCluster.builder().dataRoot(root).start()) {
            assertThatThrownBy(() -> lab.kill("dc1-s9")).hasMessageContaining("no agent named \"dc1-s9\"");
            assertThatThrownBy(() -> lab.partition(List.of(Set.of("dc1-s1"), Set.of("dc1-s1"))))
                    .hasMessageContaining("more than one group");
            lab.awaitConverged(DEADLINE);
        }
    }

    private static Set<String> wanAlive(Agent server) {
        return server.wanMembership().orElseThrow().members().stream().filter(m -> m.status() == MemberStatus.ALIVE)
                .map(Member::name).collect(Collectors.toSet());
    }
}
