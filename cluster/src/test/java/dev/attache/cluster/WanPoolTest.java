package dev.attache.cluster;

import static dev.attache.cluster.TestAgents.awaitStatus;
import static dev.attache.cluster.TestAgents.lanAddress;
import static dev.attache.cluster.TestAgents.wanAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The WAN pool of servers from several datacenters. */
class WanPoolTest {

    private static final Logger log = LoggerFactory.getLogger(WanPoolTest.class);

    @RegisterExtension
    final TestAgents agents = new TestAgents();


    /** s1.dc1 and s2.dc1 (one LAN pool) and t1.dc2, all in the WAN pool, plus a client c1 of dc1. */
    private List<AgentCluster> twoDatacenters() {
        AgentCluster s1 = agents.start(agents.server("s1", "dc1", List.of(), List.of()));
        List<AgentCluster> rest = agents.startAll(List.of(
                agents.server("s2", "dc1", List.of(lanAddress(s1)), List.of(wanAddress(s1))),
                agents.server("t1", "dc2", List.of(), List.of(wanAddress(s1))),
                agents.config("c1", false, 0, List.of(lanAddress(s1)))));
        List<AgentCluster> all = List.of(s1, rest.get(0), rest.get(1), rest.get(2));
        for (AgentCluster server : all.subList(0, 3)) {
            await("WAN pool of " + server.lan().localMember().name()).atMost(Duration.ofSeconds(15))
                    .until(() -> server.wan().orElseThrow().members().stream()
                            .filter(m -> m.status() == MemberStatus.ALIVE).count() == 3);
        }
        return all;
    }

    @Test
    void serversOfTwoDatacentersShareOneWanPoolNamedNodeDotDc() {
        List<AgentCluster> all = twoDatacenters();
        AgentCluster s1 = all.get(0);
        AgentCluster c1 = all.get(3);

        for (AgentCluster server : all.subList(0, 3)) {
            Membership wan = server.wan().orElseThrow();
            assertThat(wan.members()).extracting(Member::name).containsExactly("s1.dc1", "s2.dc1", "t1.dc2");
            assertThat(wan.members()).extracting(m -> m.tags().get("dc")).containsExactly("dc1", "dc1", "dc2");
            assertThat(wan.members()).allSatisfy(m -> assertThat(m.tags())
                    .containsEntry("role", "consul").doesNotContainKey("wan_join_port"));
            Member lanSelf = server.lan().localMember();
            assertThat(lanSelf.tags()).containsEntry("wan_join_port", Integer.toString(wan.localMember().port()));
            assertThat(wan.localMember().port()).isNotEqualTo(server.serfLanPort());
        }
        assertThat(c1.wan()).isEmpty();
        assertThat(c1.lan().localMember().tags()).doesNotContainKey("wan_join_port");
        await("dc1 LAN pool").atMost(Duration.ofSeconds(10))
                .until(() -> s1.lan().members().stream().map(Member::name).toList().equals(List.of("c1", "s1", "s2")));
        assertThat(all.get(2).lan().members()).extracting(Member::name).containsExactly("t1");
    }

    @Test
    void takenWanPortFailsTheStartNamingTheListener() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            ClusterConfig s = agents.server("s1", "dc1", List.of(), List.of());
            ClusterConfig config = new ClusterConfig(s.nodeName(), s.nodeId(), s.datacenter(), s.bindAddress(), 0,
                    taken.getLocalPort(), 0, true, 0, List.of(), List.of(), s.dataDir(), s.gossipLan(), s.gossipWan(),
                    s.tags());

            assertThatThrownBy(() -> AgentCluster.start(config).get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage("WAN gossip listener on 127.0.0.1:" + taken.getLocalPort()
                            + ": bind: address already in use");
        }
    }

    @Test
    void wanForceLeaveAndGracefulLeaveReachEveryServer() throws Exception {
        List<AgentCluster> all = twoDatacenters();
        Membership s1 = all.get(0).wan().orElseThrow();
        Membership s2 = all.get(1).wan().orElseThrow();

        assertThatThrownBy(() -> s1.forceLeave("t1", false).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(UnknownMemberException.class)
                .hasMessage("agent: No node found with name 't1'");

        agents.stop(all.get(2)); // t1.dc2 fails
        awaitStatus(List.of(s1, s2), "t1.dc2", MemberStatus.FAILED, LanMembershipTest.FAILURE_DEADLINE);
        long t0 = System.nanoTime();
        s1.forceLeave("t1.dc2", false).get(10, TimeUnit.SECONDS);
        Duration spread = awaitStatus(List.of(s1, s2), "t1.dc2", MemberStatus.LEFT, Duration.ofSeconds(5));
        log.info("MEASURE WAN force-leave: left in every view {} ms after the call", Duration.ofNanos(System.nanoTime() - t0).toMillis());

        java.util.Queue<String> changes = new java.util.concurrent.ConcurrentLinkedQueue<>();
        s1.addListener((m, previous) -> changes.add(m.name() + ":" + previous.word() + "->" + m.status().word()));
        all.get(0).lan().addListener((m, previous) -> changes.add(m.name() + ":" + previous.word() + "->" + m.status().word()));
        long leaveStart = System.nanoTime();
        all.get(1).leave().get(20, TimeUnit.SECONDS); // s2 leaves both pools
        long stopped = System.nanoTime();
        awaitStatus(List.of(s1), "s2.dc1", MemberStatus.LEFT, LanMembershipTest.FAILURE_DEADLINE);
        awaitStatus(List.of(all.get(0).lan(), all.get(3).lan()), "s2", MemberStatus.LEFT, LanMembershipTest.FAILURE_DEADLINE);
        log.info("MEASURE leave: call took {} ms (propagate delay + stop); left in every LAN and WAN view {} ms after it returned",
                Duration.ofNanos(stopped - leaveStart).toMillis(), Duration.ofNanos(System.nanoTime() - stopped).toMillis());
        assertThat(spread).isLessThan(Duration.ofSeconds(5));
        assertThat(changes).contains("s2.dc1:leaving->left", "s2:leaving->left")
                .noneMatch(c -> c.startsWith("s2") && c.endsWith("failed"));
    }
}
