package dev.attache.agent.cli;

import dev.attache.api.ApiException;
import dev.attache.api.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code attache members [-detailed] [-wan] [-status=<regex>] [-segment=<s>] [-filter=<expr>]}
 * (consul-behavior.md §11.2): {@code GET /v1/agent/members?segment=_all}, printed as Consul's table.
 * Exit 0 with a table, 1 on an error, 2 (and no output) when no member matches.
 */
public final class MembersCommand extends AgentCommand {
    static final int NO_MATCH = 2;

    public MembersCommand(CommandContext ctx) {
        super(ctx);
        FlagSet.Section cmd = FlagSet.Section.COMMAND;
        flags.bool("detailed", cmd, "Provides detailed information about nodes.");
        flags.bool("wan", cmd, "If the agent is in server mode, this can be used to return the other peers in the "
                + "WAN pool.");
        flags.string("status", cmd, ".*", "string", "If provided, output is filtered to only nodes matching the "
                + "regular expression for status.");
        flags.string("segment", cmd, MemberTable.ALL_SEGMENTS, "string", "(Enterprise-only) If provided, output is "
                + "filtered to only nodes in the given segment.");
        flags.string("filter", cmd, "", "string", "Filter to use with the request");
    }

    @Override
    protected String description() {
        return """
                Usage: attache members [options]

                  Outputs the members of a running Attaché agent.
                """;
    }

    @Override
    protected int execute(List<String> args) throws HttpFlags.ConfigException {
        Pattern status;
        try {
            status = Pattern.compile(flags.value("status"));
        } catch (PatternSyntaxException e) {
            ctx.err().println("Failed to compile status regexp: error parsing regexp: " + e.getDescription()
                    + ": `" + e.getPattern() + "`");
            return 1;
        }
        AgentClient client = client();
        String segment = flags.value("segment");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("segment", segment);
        if (flags.isTrue("wan")) {
            query.put("wan", "1");
        }
        if (!flags.value("filter").isEmpty()) {
            query.put("filter", flags.value("filter"));
        }
        List<AgentMember> members;
        try {
            members = decode(client.get("/v1/agent/members", query));
        } catch (AgentClient.RequestException e) {
            ctx.err().println("Error retrieving members: " + e.getMessage());
            return 1;
        }
        List<AgentMember> shown = MemberTable.prepare(members, segment, status);
        if (shown.isEmpty()) {
            return NO_MATCH;
        }
        List<List<String>> rows = flags.isTrue("detailed")
                ? MemberTable.detailedRows(shown)
                : MemberTable.standardRows(shown);
        ctx.out().println(Columnize.format(rows));
        return 0;
    }

    /** The member list; a JSON {@code null} (WAN on a client agent) is an empty list, as in Go. */
    private static List<AgentMember> decode(String body) throws AgentClient.RequestException {
        try {
            AgentMember[] members = Json.read(body.getBytes(StandardCharsets.UTF_8), AgentMember[].class,
                    "decoding the member list failed");
            return members == null ? List.of() : Arrays.asList(members);
        } catch (ApiException e) {
            throw new AgentClient.RequestException(e.getMessage());
        }
    }
}
