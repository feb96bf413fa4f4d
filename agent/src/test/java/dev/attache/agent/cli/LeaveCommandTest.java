package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.agent.Agent;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code attache leave} (consul-behavior.md §11.4). */
class LeaveCommandTest {
    private static CliRun leave(Map<String, String> env, String... args) {
        return CliRun.run(LeaveCommand::new, env, args);
    }

    @Test
    void leaveMakesTheAgentLeaveAndStop() throws Exception {
        try (Agent agent = CliRun.startDevAgent("cli-leave")) {
            CliRun run = leave(CliRun.envFor(agent));

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(run.out()).isEqualTo("Graceful leave complete\n");
            assertThat(run.err()).isEmpty();
            agent.whenStopped().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void unexpectedArgsAreAnErrorWithHelpOnStandardOutput() {
        CliRun run = leave(Map.of(), "now", "please");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error found unexpected args: [now please]\n");
        assertThat(run.out()).startsWith("Usage: attache leave [options]\n");
    }

    @Test
    void unreachableAgentIsAnError() {
        int port = CliRun.closedPort();

        CliRun run = leave(Map.of(HttpFlags.ADDR_ENV, "127.0.0.1:" + port));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error leaving: Put \"http://127.0.0.1:" + port
                + "/v1/agent/leave\": dial tcp 127.0.0.1:" + port + ": connect: connection refused\n");
    }
}
