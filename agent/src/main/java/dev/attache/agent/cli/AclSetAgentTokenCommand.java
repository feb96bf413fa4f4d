package dev.attache.agent.cli;

import java.io.InputStream;
import java.util.List;

/**
 * {@code attache acl set-agent-token TYPE TOKEN} (consul-behavior.md §3.12, §11.9): {@code PUT /v1/agent/token/<type>}
 * with {@code {"Token":...}}, falling back to the legacy path names as the Go client does. TOKEN may be
 * {@code @file} or {@code -} for standard input.
 */
public final class AclSetAgentTokenCommand extends AclSubcommand {

    public AclSetAgentTokenCommand(CommandContext ctx) {
        this(ctx, System.in);
    }

    AclSetAgentTokenCommand(CommandContext ctx, InputStream stdin) {
        super(ctx, stdin);
    }

    @Override
    protected String description() {
        return """
                Usage: attache acl set-agent-token [options] TYPE TOKEN

                  Sets one of the tokens the agent uses. Unless the agent persists tokens
                  (acl.enable_token_persistence), a token set this way is lost when the
                  agent restarts.

                  Token types:

                    default       Used for the agent's own operations and for HTTP and DNS
                                  requests that carry no token. Without it, the anonymous
                                  token is used.
                    agent         Used for the agent's own operations; defaults to the
                                  default token.
                    recovery      Allows the agent's APIs to be used when the servers
                                  cannot be reached.
                    replication   Used to replicate ACL data from the primary datacenter.
                    config_file_service_registration
                                  Used to register the services and checks of the
                                  configuration files; defaults to the default token.
                    dns           Used for DNS requests; defaults to the default token.

                  Example:

                    $ attache acl set-agent-token default c4d0f8df-3aba-4ab6-a7a0-35b760dc29a1
                """;
    }

    @Override
    protected int executeAcl(List<String> args) {
        String token;
        switch (args.size()) {
            case 0 -> {
                return fail("Error! Missing TYPE and TOKEN arguments");
            }
            case 1 -> {
                boolean known = List.of("default", "agent", "recovery", "replication").contains(args.get(0));
                return fail(known ? "Error! Missing TOKEN argument" : "Error! MISSING TYPE argument");
            }
            case 2 -> {
                try {
                    token = dataSource().load(args.get(1));
                } catch (AclDataSource.LoadException e) {
                    return fail("Error! " + e.getMessage());
                }
            }
            default -> {
                return fail("Error! Too many arguments: expected 2 got " + args.size());
            }
        }
        AclApi api;
        try {
            api = api();
        } catch (HttpFlags.ConfigException e) {
            return fail("Error connecting to Consul Agent: " + e.getMessage());
        }
        String type = args.get(0);
        List<String> targets = targets(type);
        if (targets.isEmpty()) {
            return fail("Unknown token type");
        }
        try {
            api.agentTokenUpdate(token, targets);
        } catch (AgentClient.RequestException e) {
            return fail("Failed to set ACL token " + GoQuote.quote(type) + ": " + e.getMessage());
        }
        ctx.out().println("ACL token " + GoQuote.quote(type) + " set successfully");
        return 0;
    }

    /** The paths tried for a type, current name first (the Go client's fallbacks); empty for an unknown type. */
    static List<String> targets(String type) {
        return switch (type) {
            case "default" -> List.of("default", "acl_token");
            case "agent" -> List.of("agent", "acl_agent_token");
            case "recovery" -> List.of("agent_recovery", "agent_master", "acl_agent_master_token");
            case "replication" -> List.of("replication", "acl_replication_token");
            case "config_file_service_registration" -> List.of("config_file_service_registration");
            case "dns" -> List.of("dns");
            default -> List.of();
        };
    }
}
