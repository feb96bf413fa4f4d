package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.agent.Agent;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code attache force-leave} (consul-behavior.md §11.5); the success path is in {@link TwoAgentCommandsTest}. */
class ForceLeaveCommandTest {
    private static Agent agent;

    @BeforeAll
    static void start() {
        agent = CliRun.startDevAgent("cli-force");
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private static CliRun forceLeave(Map<String, String> env, String... args) {
        return CliRun.run(ForceLeaveCommand::new, env, args);
    }

    @Test
    void unknownNodeIsTheAgentsError() {
        CliRun run = forceLeave(CliRun.envFor(agent), "ghost");

        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(
                "Error force leaving: Unexpected response code: 500 (agent: No node found with name 'ghost')\n");
    }

    @Test
    void unknownNodeWithPruneIsTheSameError() {
        CliRun run = forceLeave(CliRun.envFor(agent), "-prune", "ghost");

        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).contains("(agent: No node found with name 'ghost')");
    }

    @Test
    void exactlyOneNodeNameIsRequired() {
        for (String[] args : new String[][] {{}, {"a", "b"}}) {
            CliRun run = forceLeave(CliRun.envFor(agent), args);

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith("A single node name must be specified to force leave.\n\n"
                    + "Usage: attache force-leave [options] name\n");
        }
    }

    @Test
    void flagsAfterTheNodeNameAreArguments() {
        CliRun run = forceLeave(CliRun.envFor(agent), "ghost", "-prune");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("A single node name must be specified to force leave.");
    }

    @Test
    void helpListsPruneAndWan() {
        CliRun run = forceLeave(Map.of(), "ghost", "-help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("  -prune\n").contains("  -wan\n");
    }
}
