package dev.attache.agent.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a command talks to: standard output, standard error and the environment it reads
 * ({@code CONSUL_HTTP_ADDR}, {@code CONSUL_HTTP_TOKEN}, ...). {@code Main} passes the process's own;
 * tests pass their own streams and a fixed map.
 */
public record CommandContext(PrintStream out, PrintStream err, Map<String, String> env) {
    public CommandContext {
        env = Map.copyOf(env);
    }

    /** An environment variable, or the empty string when unset (Go's {@code os.Getenv}). */
    String getenv(String name) {
        return env.getOrDefault(name, "");
    }
}
