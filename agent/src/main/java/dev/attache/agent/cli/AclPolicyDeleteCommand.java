package dev.attache.agent.cli;

import java.io.InputStream;
import java.util.List;

/**
 * {@code attache acl policy delete -id ID | -name NAME} (consul-behavior.md §4.9):
 * {@code DELETE /v1/acl/policy/<id>}, the ID found from a prefix, a built-in name or the policy's name.
 */
public final class AclPolicyDeleteCommand extends AclSubcommand {

    public AclPolicyDeleteCommand(CommandContext ctx) {
        this(ctx, System.in);
    }

    AclPolicyDeleteCommand(CommandContext ctx, InputStream stdin) {
        super(ctx, stdin);
        FlagSet.Section cmd = FlagSet.Section.COMMAND;
        flags.string("id", cmd, "", "string", "ID of the policy to delete: the full ID or a prefix that only this "
                + "policy's ID starts with.");
        flags.string("name", cmd, "", "string", "Name of the policy to delete.");
    }

    @Override
    protected String description() {
        return """
                Usage: attache acl policy delete [options] -id ID | -name NAME

                  Deletes a policy, given its ID, a unique prefix of its ID, or its name.

                      $ attache acl policy delete -id b6b85
                      $ attache acl policy delete -name web-read
                """;
    }

    @Override
    protected int executeAcl(List<String> args) throws HttpFlags.ConfigException {
        String id = flags.value("id");
        String name = flags.value("name");
        if (id.isEmpty() && name.isEmpty()) {
            return fail("Must specify either the -id or -name parameters");
        }
        AclApi api = api();
        String policyId;
        try {
            policyId = id.isEmpty()
                    ? AclIds.policyIdByName(name, api::policyReadByName)
                    : AclIds.policyId(id, api::policyList);
        } catch (AgentClient.RequestException | AclIds.ResolveException e) {
            return fail("Error determining policy ID: " + e.getMessage());
        }
        try {
            api.policyDelete(policyId);
        } catch (AgentClient.RequestException e) {
            return fail("Error deleting policy " + GoQuote.quote(policyId) + ": " + e.getMessage());
        }
        ctx.out().println("Policy " + GoQuote.quote(policyId) + " deleted successfully");
        return 0;
    }
}
