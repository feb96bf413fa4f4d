package dev.attache.agent.cli;

import java.io.InputStream;
import java.util.List;

/** {@code attache acl policy list [-meta] [-format]} (consul-behavior.md §4.9): {@code GET /v1/acl/policies}. */
public final class AclPolicyListCommand extends AclSubcommand {

    public AclPolicyListCommand(CommandContext ctx) {
        this(ctx, System.in);
    }

    AclPolicyListCommand(CommandContext ctx, InputStream stdin) {
        super(ctx, stdin);
        metaFlag("policy");
        formatFlag();
    }

    @Override
    protected String description() {
        return """
                Usage: attache acl policy list [options]

                  Lists every policy, without their rules.

                      $ attache acl policy list
                """;
    }

    @Override
    protected int executeAcl(List<String> args) throws HttpFlags.ConfigException {
        AclApi api = api();
        List<AclPolicyListEntry> policies;
        try {
            policies = api.policyList();
        } catch (AgentClient.RequestException e) {
            return fail("Failed to retrieve the policy list: " + e.getMessage());
        }
        return print(policyFormatter().formatPolicyList(policies));
    }
}
