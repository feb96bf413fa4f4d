package dev.attache.agent.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

/**
 * {@code attache monitor [-log-level=INFO] [-log-json]} (consul-behavior.md §11.8): streams the agent's log lines
 * from {@code GET /v1/agent/monitor} and prints each as it arrives. Exit 1 when the stream cannot start or the agent
 * ends it; exit 0 after {@link #stop()} (Ctrl-C).
 */
public final class MonitorCommand extends AgentCommand {
    static final String LOG_LEVEL = "log-level";
    static final String LOG_JSON = "log-json";
    static final String REMOTE_ENDED = "Remote side ended the monitor! This usually means that the\n"
            + "remote side has exited or crashed.";

    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    public MonitorCommand(CommandContext ctx) {
        super(ctx);
        flags.string(LOG_LEVEL, FlagSet.Section.COMMAND, "INFO", "string",
                "Log level of the agent.");
        flags.bool(LOG_JSON, FlagSet.Section.COMMAND, "Output logs in JSON format.");
    }

    @Override
    protected String description() {
        return """
                Usage: attache monitor [options]

                  Shows recent log messages of an Attaché agent, and attaches to the agent,
                  outputting log messages as they occur in real time. The monitor lets you
                  listen for log levels that may be filtered out of the agent's own log
                  output. For example, your agent may only be logging at INFO level, but
                  with the monitor you can see the DEBUG level logs.
                """;
    }

    /** Ends the monitor as Ctrl-C does: the command returns 0. Safe from any thread. */
    public void stop() {
        stopped.complete(null);
    }

    @Override
    protected int execute(List<String> args) throws HttpFlags.ConfigException {
        boolean json = flags.isTrue(LOG_JSON);
        Map<String, String> query = json
                ? Map.of("loglevel", flags.value(LOG_LEVEL), "logjson", "true")
                : Map.of("loglevel", flags.value(LOG_LEVEL));
        Printer printer = new Printer();
        CompletableFuture<Void> ended = client().stream("/v1/agent/monitor", query, printer);
        try {
            CompletableFuture.anyOf(ended, stopped).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            ctx.err().println((json ? "Error starting JSON monitor: " : "Error starting monitor: ")
                    + cause.getMessage());
            return 1;
        }
        if (stopped.isDone()) {
            printer.cancel();
            return 0;
        }
        ctx.out().println();
        ctx.out().println(REMOTE_ENDED);
        return 1;
    }

    /** Prints each line as it arrives. */
    private final class Printer implements Flow.Subscriber<String> {
        private volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!stopped.isDone()) {
                ctx.out().println(line);
                ctx.out().flush();
            }
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
