package dev.attache.agent.cli;

import java.util.List;
import java.util.Map;

/** {@code attache leave} (consul-behavior.md §11.4): {@code PUT /v1/agent/leave}; the agent leaves and shuts down. */
public final class LeaveCommand extends AgentCommand {

    public LeaveCommand(CommandContext ctx) {
        super(ctx);
    }

    @Override
    protected String description() {
        return """
                Usage: attache leave [options]

                  Causes the agent to gracefully leave the Attaché cluster and shutdown.
                """;
    }

    @Override
    protected int execute(List<String> args) throws HttpFlags.ConfigException {
        if (!args.isEmpty()) {
            ctx.err().println("Error found unexpected args: [" + String.join(" ", args) + "]");
            ctx.out().println(help());
            return 1;
        }
        try {
            client().put("/v1/agent/leave", Map.of());
        } catch (AgentClient.RequestException e) {
            ctx.err().println("Error leaving: " + e.getMessage());
            return 1;
        }
        ctx.out().println("Graceful leave complete");
        return 0;
    }
}
