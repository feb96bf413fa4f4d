package dev.attache.agent.cli;

import dev.attache.agent.Agent;
import dev.attache.agent.AgentConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One command run in tests: its exit code and what it printed. */
record CliRun(int exit, String out, String err) {

    static CliRun run(Function<CommandContext, AgentCommand> command, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int exit = command.apply(new CommandContext(o, e, env)).run(List.of(args));
            return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** The environment that points the CLI at {@code agent}. */
    static Map<String, String> envFor(Agent agent) {
        return Map.of(HttpFlags.ADDR_ENV, agent.httpAddress());
    }

    /** A single dev-mode server on loopback with ephemeral ports. */
    static Agent startDevAgent(String nodeName) {
        return Agent.builder()
                .config(AgentConfig.dev().nodeName(nodeName).ports(AgentConfig.Ports.EPHEMERAL).build())
                .start();
    }

    /** A loopback port nothing listens on (bound once, then released). */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
