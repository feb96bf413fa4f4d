package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.attache.agent.Agent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code attache monitor} (consul-behavior.md §11.8) against a real agent. */
class MonitorCommandTest {
    private static final Logger log = LoggerFactory.getLogger(MonitorCommandTest.class);
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    /** A monitor running on its own thread, its output readable while it runs. */
    private record Running(MonitorCommand command, CompletableFuture<Integer> exit, ByteArrayOutputStream out,
                           ByteArrayOutputStream err) {
        static Running start(Map<String, String> env, String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            MonitorCommand command = new MonitorCommand(new CommandContext(
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), env));
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            Thread t = new Thread(() -> exit.complete(command.run(List.of(args))), "monitor-command");
            t.setDaemon(true);
            t.start();
            return new Running(command, exit, out, err);
        }

        String output() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void printsLinesAsTheyAreLoggedAndEndsWithExit0OnInterrupt() throws Exception {
        try (Agent agent = CliRun.startDevAgent("cli-monitor")) {
            Running m = Running.start(CliRun.envFor(agent), "-log-level=debug");
            await().atMost(DEADLINE).until(() -> agent.logStream().subscribers().size() == 1);
            String marker = "marker-" + UUID.randomUUID();
            log.debug("{}: for the cli {}", agent.nodeName(), marker);

            await().atMost(DEADLINE).until(() -> m.output().contains(marker));
            assertThat(m.output()).contains("[DEBUG] agent.cli.MonitorCommandTest: cli-monitor: for the cli " + marker
                    + "\n");

            m.command().stop();
            assertThat(m.exit().get(10, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void jsonLinesAndTheRemoteSideEndingTheMonitorIsExit1() throws Exception {
        Running m;
        try (Agent agent = CliRun.startDevAgent("cli-monitor-json")) {
            m = Running.start(CliRun.envFor(agent), "-log-json");
            Running running = m;
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(agent.logStream().subscribers())
                    .as(() -> "subscribed; err: " + running.err().toString(StandardCharsets.UTF_8)).hasSize(1));
            String marker = "marker-" + UUID.randomUUID();
            log.info("{}: json for the cli {}", agent.nodeName(), marker);
            await().atMost(DEADLINE).until(() -> m.output().contains(marker));
            assertThat(m.output()).contains("{\"@level\":\"info\",\"@message\":\"cli-monitor-json: json for the cli "
                    + marker + "\",\"@module\":\"agent.cli.MonitorCommandTest\",\"@timestamp\":\"");
        }

        assertThat(m.exit().get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(m.output()).endsWith("\n\n" + MonitorCommand.REMOTE_ENDED + "\n");
    }

    @Test
    void anUnknownLevelIsAStartError() throws Exception {
        try (Agent agent = CliRun.startDevAgent("cli-monitor-bad")) {
            CliRun run = CliRun.run(MonitorCommand::new, CliRun.envFor(agent), "-log-level=chatty");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).isEqualTo(
                    "Error starting monitor: Unexpected response code: 400 (Unknown log level: chatty)\n");
        }
    }

    @Test
    void unreachableAgentIsAStartError() {
        int port = CliRun.closedPort();

        CliRun run = CliRun.run(MonitorCommand::new, Map.of(HttpFlags.ADDR_ENV, "127.0.0.1:" + port), "-log-json");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error starting JSON monitor: Get \"http://127.0.0.1:" + port
                + "/v1/agent/monitor?logjson=true&loglevel=INFO\": dial tcp 127.0.0.1:" + port
                + ": connect: connection refused\n");
    }
}
