package dev.attache.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attache.api.ApiException;
import dev.attache.api.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code attache maint [-enable|-disable] [-reason=<r>] [-service=<id>]} (consul-behavior.md §11.7). Without flags
 * it lists what is in maintenance, from {@code /v1/agent/self} and {@code /v1/agent/checks}.
 */
public final class MaintCommand extends AgentCommand {
    private static final String NODE_CHECK = "_node_maintenance";
    private static final String SERVICE_CHECK_PREFIX = "_service_maintenance:";

    public MaintCommand(CommandContext ctx) {
        super(ctx);
        FlagSet.Section cmd = FlagSet.Section.COMMAND;
        flags.bool("enable", cmd, "Enable maintenance mode.");
        flags.bool("disable", cmd, "Disable maintenance mode.");
        flags.string("reason", cmd, "", "string", "Text describing the maintenance reason.");
        flags.string("service", cmd, "", "string", "Control maintenance mode for a specific service ID.");
    }

    @Override
    protected String description() {
        return """
                Usage: attache maint [options]

                  Places a node or service into maintenance mode. During maintenance mode,
                  the node or service will be excluded from all queries through the DNS
                  or API interfaces, effectively taking it out of the pool of available
                  nodes. This is done by registering an additional critical health check.

                  When enabling maintenance mode for a node or service, you may optionally
                  specify a reason string. This string will appear in the "Notes" field
                  of the critical health check which is registered against the node or
                  service. If no reason is provided, a default value will be used.

                  Maintenance mode is persistent, and will be restored in the event of an
                  agent restart. It is therefore required to disable maintenance mode on
                  a given node or service before it will be placed back into any pool.

                  If no arguments are given, the agent's maintenance status will be shown.
                  This will return blank if nothing is currently under maintenance.
                """;
    }

    @Override
    protected int execute(List<String> args) throws HttpFlags.ConfigException {
        boolean enable = flags.isTrue("enable");
        boolean disable = flags.isTrue("disable");
        String reason = flags.value("reason");
        String service = flags.value("service");
        if (enable && disable) {
            ctx.err().println("Only one of -enable or -disable may be provided");
            return 1;
        }
        if (!enable && !reason.isEmpty()) {
            ctx.err().println("Reason may only be provided with -enable");
            return 1;
        }
        if (!enable && !disable && !service.isEmpty()) {
            ctx.err().println("Service requires either -enable or -disable");
            return 1;
        }
        AgentClient client = client();
        if (!enable && !disable) {
            return list(client);
        }
        String what = service.isEmpty() ? "node" : "service";
        try {
            Map<String, String> query = new TreeMap<>();
            query.put("enable", String.valueOf(enable));
            if (enable) {
                query.put("reason", reason); // always sent, possibly empty, as Consul's client does
            }
            client.put(service.isEmpty() ? "/v1/agent/maintenance" : "/v1/agent/service/maintenance/" + service,
                    query);
        } catch (AgentClient.RequestException e) {
            ctx.err().println("Error " + (enable ? "enabling" : "disabling") + " " + what + " maintenance: "
                    + e.getMessage());
            return 1;
        }
        String state = enable ? "enabled" : "disabled";
        ctx.out().println(service.isEmpty()
                ? "Node maintenance is now " + state
                : "Service maintenance is now " + state + " for \"" + service + "\"");
        return 0;
    }

    /** Each maintenance check, node then services; nothing when nothing is in maintenance. */
    private int list(AgentClient client) {
        String nodeName;
        try {
            nodeName = json(client.get("/v1/agent/self", Map.of())).path("Config").path("NodeName").asText("");
        } catch (AgentClient.RequestException e) {
            ctx.err().println("Error querying Consul agent: " + e.getMessage());
            return 1;
        }
        JsonNode checks;
        try {
            checks = json(client.get("/v1/agent/checks", Map.of()));
        } catch (AgentClient.RequestException e) {
            ctx.err().println("Error getting checks: " + e.getMessage());
            return 1;
        }
        for (Iterator<JsonNode> it = checks.elements(); it.hasNext(); ) {
            JsonNode check = it.next();
            String id = check.path("CheckID").asText("");
            if (id.equals(NODE_CHECK)) {
                ctx.out().println("Node:");
                ctx.out().println("  Name:   " + nodeName);
                ctx.out().println("  Reason: " + check.path("Notes").asText(""));
                ctx.out().println();
            } else if (id.startsWith(SERVICE_CHECK_PREFIX)) {
                ctx.out().println("Service:");
                ctx.out().println("  ID:     " + check.path("ServiceID").asText(""));
                ctx.out().println("  Reason: " + check.path("Notes").asText(""));
                ctx.out().println();
            }
        }
        return 0;
    }

    private static JsonNode json(String body) throws AgentClient.RequestException {
        try {
            return Json.read(body.getBytes(StandardCharsets.UTF_8), JsonNode.class, "decoding the answer failed");
        } catch (ApiException e) {
            throw new AgentClient.RequestException(e.getMessage());
        }
    }
}
