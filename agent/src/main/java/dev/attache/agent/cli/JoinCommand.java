package dev.attache.agent.cli;

import java.util.List;
import java.util.Map;

/**
 * {@code attache join [-wan] <addr>...} (consul-behavior.md §11.3): one {@code PUT /v1/agent/join/<addr>} per
 * address. Exit 0 if any join succeeded, else 1.
 */
public final class JoinCommand extends AgentCommand {

    public JoinCommand(CommandContext ctx) {
        super(ctx);
        flags.bool("wan", FlagSet.Section.COMMAND, "Joins a server to another server in the WAN pool.");
    }

    @Override
    protected String description() {
        return """
                Usage: attache join [options] address ...

                  Tells a running Attaché agent (with "attache agent") to join the cluster
                  by specifying at least one existing member.
                """;
    }

    @Override
    protected int execute(List<String> addresses) throws HttpFlags.ConfigException {
        if (addresses.isEmpty()) {
            ctx.err().println("At least one address to join must be specified.");
            ctx.err().println();
            ctx.err().println(help());
            return 1;
        }
        AgentClient client = client();
        Map<String, String> query = flags.isTrue("wan") ? Map.of("wan", "1") : Map.of();
        int joined = 0;
        for (String address : addresses) {
            try {
                client.put("/v1/agent/join/" + address, query);
                joined++;
            } catch (AgentClient.RequestException e) {
                ctx.err().println("Error joining address '" + address + "': " + e.getMessage());
            }
        }
        if (joined == 0) {
            ctx.err().println("Failed to join any nodes.");
            return 1;
        }
        ctx.out().println("Successfully joined cluster by contacting " + joined + " nodes.");
        return 0;
    }
}
