package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.agent.Agent;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code attache reload} and {@code attache maint} end to end against a real agent (consul-behavior.md §11.6, §11.7). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaintAndReloadCommandTest {
    private Agent agent;

    @BeforeAll
    void start() {
        agent = CliRun.startDevAgent("cli-maint");
    }

    @AfterAll
    void stop() {
        agent.close();
    }

    private CliRun maint(String... args) {
        return CliRun.run(MaintCommand::new, CliRun.envFor(agent), args);
    }

    @Test
    void reloadSaysItWasTriggered() {
        CliRun run = CliRun.run(ReloadCommand::new, CliRun.envFor(agent));

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out()).isEqualTo("Configuration reload triggered\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void reloadOfAnUnreachableAgentIsAnError() {
        int port = CliRun.closedPort();

        CliRun run = CliRun.run(ReloadCommand::new, Map.of(HttpFlags.ADDR_ENV, "127.0.0.1:" + port));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("Error reloading: Put \"http://127.0.0.1:" + port + "/v1/agent/reload\": ");
    }

    @Test
    void enableListAndDisableTheNode() {
        CliRun on = maint("-enable", "-reason", "new disks");
        assertThat(on.exit()).as("%s", on).isZero();
        assertThat(on.out()).isEqualTo("Node maintenance is now enabled\n");

        CliRun list = maint();
        assertThat(list.exit()).as("%s", list).isZero();
        assertThat(list.out()).isEqualTo("Node:\n  Name:   cli-maint\n  Reason: new disks\n\n");

        CliRun off = maint("-disable");
        assertThat(off.exit()).as("%s", off).isZero();
        assertThat(off.out()).isEqualTo("Node maintenance is now disabled\n");

        CliRun empty = maint();
        assertThat(empty.exit()).isZero();
        assertThat(empty.out()).isEmpty();
    }

    @Test
    void conflictingFlagsAreErrors() {
        assertThat(maint("-enable", "-disable")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("Only one of -enable or -disable may be provided\n");
        });
        assertThat(maint("-reason", "x")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("Reason may only be provided with -enable\n");
        });
        assertThat(maint("-service", "web")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("Service requires either -enable or -disable\n");
        });
    }

    @Test
    void serviceMaintenanceIsAnErrorWithoutServices() {
        CliRun run = maint("-enable", "-service", "web");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("Error enabling service maintenance: Unexpected response code: 404");
    }
}
