package dev.attache.agent.cli;

import java.util.List;
import java.util.Map;

/** {@code attache reload} (consul-behavior.md §11.6): {@code PUT /v1/agent/reload}. */
public final class ReloadCommand extends AgentCommand {

    public ReloadCommand(CommandContext ctx) {
        super(ctx);
    }

    @Override
    protected String description() {
        return """
                Usage: attache reload [options]

                  Causes the agent to reload configurations. This can be used instead
                  of sending the SIGHUP signal to the agent.
                """;
    }

    @Override
    protected int execute(List<String> args) throws HttpFlags.ConfigException {
        try {
            client().put("/v1/agent/reload", Map.of());
        } catch (AgentClient.RequestException e) {
            ctx.err().println("Error reloading: " + e.getMessage());
            return 1;
        }
        ctx.out().println("Configuration reload triggered");
        return 0;
    }
}
