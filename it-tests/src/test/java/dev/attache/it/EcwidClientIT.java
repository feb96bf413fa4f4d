package dev.attache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.OperationException;
import com.ecwid.consul.v1.agent.model.Member;
import dev.attache.agent.Agent;
import dev.attache.agent.AgentConfig;
import dev.attache.cluster.GossipConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Membership through Ecwid consul-api 1.4.5, the client Spring Cloud Consul uses, against agents in this JVM. */
class EcwidClientIT {
    static final GossipConfig FAST = GossipConfig.FAST;

    @TempDir
    Path dir;
    private Agent server;
    private Agent client;

    @AfterEach
    void stop() {
        for (Agent a : new Agent[] {client, server}) {
            if (a != null) {
                a.close();
            }
        }
    }

    private Agent start(String name, boolean isServer) {
        return Agent.builder().config(AgentConfig.builder().nodeName(name).server(isServer)
                .bootstrapExpect(isServer ? 1 : 0).bindAddress("127.0.0.1").dataDir(dir.resolve(name))
                .ports(AgentConfig.Ports.EPHEMERAL).gossipLan(FAST).gossipWan(FAST).build()).start();
    }

    private static Map<String, Integer> statuses(ConsulClient consul) {
        List<Member> members = consul.getAgentMembers().getValue();
        return members.stream().collect(Collectors.toMap(Member::getName, Member::getStatus));
    }

    @Test
    void membersJoinAndForceLeaveThroughTheClient() {
        server = start("e-srv", true);
        client = start("e-cli", false);
        ConsulClient viaServer = new ConsulClient("127.0.0.1", server.httpPort());
        ConsulClient viaClient = new ConsulClient("127.0.0.1", client.httpPort());

        Member self = viaServer.getAgentMembers().getValue().get(0);
        assertThat(self.getName()).isEqualTo("e-srv");
        assertThat(self.getStatus()).isEqualTo(1);
        assertThat(self.getPort()).isEqualTo(server.serfLanPort());
        assertThat(self.getTags()).containsEntry("role", "consul").containsEntry("dc", "dc1");

        viaClient.agentJoin(server.lanAddress(), false);
        await("both see both").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(statuses(viaServer)).containsEntry("e-srv", 1).containsEntry("e-cli", 1);
            assertThat(statuses(viaClient)).containsEntry("e-srv", 1).containsEntry("e-cli", 1);
        });

        client.stop().join(); // no leave: the server must see it fail
        await("e-cli failed").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(statuses(viaServer)).containsEntry("e-cli", 4));
        viaServer.agentForceLeave("e-cli");
        await("e-cli left").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(statuses(viaServer)).containsEntry("e-cli", 3));

        assertThatThrownBy(() -> viaServer.agentForceLeave("nobody"))
                .isInstanceOf(OperationException.class)
                .satisfies(e -> assertThat(((OperationException) e).getStatusCode()).isEqualTo(500));
        assertThatThrownBy(() -> viaServer.agentJoin("127.0.0.1:1", false))
                .isInstanceOf(OperationException.class)
                .satisfies(e -> assertThat(((OperationException) e).getStatusContent()).contains("Failed to join 127.0.0.1:1"));
    }
}
