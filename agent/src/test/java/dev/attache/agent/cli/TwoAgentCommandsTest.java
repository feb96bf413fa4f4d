package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.attache.agent.Agent;
import dev.attache.agent.AgentConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Join and force-leave succeeding: a dev server and a client agent in one JVM. */
class TwoAgentCommandsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path clientData;

    private Agent server;
    private Agent client;

    @BeforeEach
    void start() {
        server = CliRun.startDevAgent("cli-server");
        client = Agent.builder().config(AgentConfig.builder().nodeName("cli-client").server(false)
                .bindAddress("127.0.0.1").clientAddress("127.0.0.1").ports(AgentConfig.Ports.EPHEMERAL)
                .dataDir(clientData).build()).start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void joinReportsHowManyAddressesItReachedAndMembersShowsBoth() {
        String dead = "127.0.0.1:" + CliRun.closedPort();

        CliRun run = CliRun.run(JoinCommand::new, CliRun.envFor(client), dead, server.lanAddress());

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out()).isEqualTo("Successfully joined cluster by contacting 1 nodes.\n");
        assertThat(run.err()).startsWith("Error joining address '" + dead + "': Unexpected response code: 500");
        await().atMost(DEADLINE).untilAsserted(() -> {
            CliRun members = CliRun.run(MembersCommand::new, CliRun.envFor(client));
            assertThat(members.exit()).as("%s", members).isZero();
            String[] lines = members.out().split("\n");
            assertThat(lines).hasSize(3);
            assertThat(lines[1]).startsWith("cli-server  ").contains("  server  ").endsWith("<all>");
            assertThat(lines[2]).startsWith("cli-client  ").contains("  client  ").endsWith("<default>");
        });
    }

    @Test
    void forceLeaveOfAKnownNodePrintsNothing() {
        CliRun join = CliRun.run(JoinCommand::new, CliRun.envFor(client), server.lanAddress());
        assertThat(join.exit()).as("%s", join).isZero();
        await().atMost(DEADLINE).until(() -> server.membership().members().size() == 2);
        client.close();
        Map<String, String> env = CliRun.envFor(server);
        await().atMost(DEADLINE).untilAsserted(() ->
                assertThat(CliRun.run(MembersCommand::new, env, "-status=failed").out()).contains("cli-client"));

        CliRun run = CliRun.run(ForceLeaveCommand::new, env, "-prune", "cli-client");

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(
                CliRun.run(MembersCommand::new, env).out()).doesNotContain("cli-client"));
    }
}
