package dev.attache.agent.cli;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code attache force-leave [-prune] [-wan] <node>} (consul-behavior.md §11.5):
 * {@code PUT /v1/agent/force-leave/<node>}. Prints nothing on success.
 */
public final class ForceLeaveCommand extends AgentCommand {

    public ForceLeaveCommand(CommandContext ctx) {
        super(ctx);
        flags.bool("prune", FlagSet.Section.COMMAND, "Remove agent completely from list of members");
        flags.bool("wan", FlagSet.Section.COMMAND, "Exclusively leave the agent from the WAN serf pool.");
    }

    @Override
    protected String description() {
        return """
                Usage: attache force-leave [options] name

                  Forces a member of an Attaché cluster to enter the "left" state. Note
                  that if the member is still actually alive, it will eventually rejoin
                  the cluster. This command is most useful for cleaning out "failed" nodes
                  that are never coming back. If you do not force leave a failed node,
                  Attaché will attempt to reconnect to those failed nodes for some period of
                  time before eventually reaping them.
                """;
    }

    @Override
    protected int execute(List<String> nodes) throws HttpFlags.ConfigException {
        if (nodes.size() != 1) {
            ctx.err().println("A single node name must be specified to force leave.");
            ctx.err().println();
            ctx.err().println(help());
            return 1;
        }
        Map<String, String> query = new TreeMap<>();
        if (flags.isTrue("prune")) {
            query.put("prune", "1");
        }
        if (flags.isTrue("wan")) {
            query.put("wan", "1");
        }
        try {
            client().put("/v1/agent/force-leave/" + nodes.get(0), query);
        } catch (AgentClient.RequestException e) {
            ctx.err().println("Error force leaving: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
