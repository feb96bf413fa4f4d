package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.agent.Agent;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code attache join} against a real agent (consul-behavior.md §11.3); the success path is in {@link TwoAgentCommandsTest}. */
class JoinCommandTest {
    private static Agent agent;

    @BeforeAll
    static void start() {
        agent = CliRun.startDevAgent("cli-join");
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private static CliRun join(Map<String, String> env, String... args) {
        return CliRun.run(JoinCommand::new, env, args);
    }

    @Test
    void deadAddressPrintsTheAgentsErrorAndFailsOverall() {
        String dead = "127.0.0.1:" + CliRun.closedPort();

        CliRun run = join(CliRun.envFor(agent), dead);

        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("Error joining address '" + dead
                        + "': Unexpected response code: 500 (1 error occurred:\n\t* Failed to join " + dead + ": ")
                .endsWith(")\nFailed to join any nodes.\n");
    }

    @Test
    void everyFailedAddressGetsItsOwnError() {
        String dead1 = "127.0.0.1:" + CliRun.closedPort();
        String dead2 = "127.0.0.1:" + CliRun.closedPort();

        CliRun run = join(CliRun.envFor(agent), "-wan", dead1, dead2);

        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).contains("Error joining address '" + dead1 + "': Unexpected response code: 500")
                .contains("Error joining address '" + dead2 + "': Unexpected response code: 500")
                .endsWith("Failed to join any nodes.\n");
    }

    @Test
    void noAddressIsAnErrorWithHelp() {
        CliRun run = join(CliRun.envFor(agent));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("At least one address to join must be specified.\n\nUsage: attache join [options] address ...\n");
    }

    @Test
    void unreachableAgentIsAnErrorPerAddress() {
        int port = CliRun.closedPort();

        CliRun run = join(Map.of(HttpFlags.ADDR_ENV, "127.0.0.1:" + port), "10.0.0.1");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error joining address '10.0.0.1': Put \"http://127.0.0.1:" + port
                + "/v1/agent/join/10.0.0.1\": dial tcp 127.0.0.1:" + port + ": connect: connection refused\n"
                + "Failed to join any nodes.\n");
    }

    @Test
    void unknownFlagIsRejected() {
        CliRun run = join(CliRun.envFor(agent), "-prune", "10.0.0.1");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("flag provided but not defined: -prune\n");
    }
}
