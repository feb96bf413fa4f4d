package dev.attache.agent.cli;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code attache acl policy read -id ID | -name NAME} (consul-behavior.md §4.9): {@code GET /v1/acl/policy/<id>}
 * (the ID may be a unique prefix or a built-in policy's name) or {@code GET /v1/acl/policy/name/<name>}.
 */
public final class AclPolicyReadCommand extends AclSubcommand {

    public AclPolicyReadCommand(CommandContext ctx) {
        this(ctx, System.in);
    }

    AclPolicyReadCommand(CommandContext ctx, InputStream stdin) {
        super(ctx, stdin);
        FlagSet.Section cmd = FlagSet.Section.COMMAND;
        metaFlag("policy");
        flags.string("id", cmd, "", "string", "ID of the policy to read: the full ID, a prefix that only this "
                + "policy's ID starts with, or the name of a built-in policy.");
        flags.string("name", cmd, "", "string", "Name of the policy to read.");
        formatFlag();
    }

    @Override
    protected String description() {
        return """
                Usage: attache acl policy read [options] -id ID | -name NAME

                  Prints one policy, rules included.

                  By ID or ID prefix:

                      $ attache acl policy read -id fdabbcb5-9de5

                  By name:

                      $ attache acl policy read -name web-read
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
        String what = "name:" + name;
        Optional<AclPolicy> policy;
        try {
            if (!id.isEmpty()) {
                String policyId;
                try {
                    policyId = AclIds.policyId(id, api::policyList);
                } catch (AgentClient.RequestException | AclIds.ResolveException e) {
                    return fail("Error determining policy ID: " + e.getMessage());
                }
                what = "id:" + policyId;
                policy = Optional.of(api.policyRead(policyId));
            } else {
                policy = AclIds.policyByName(name, api::policyReadByName);
            }
        } catch (AgentClient.RequestException | AclIds.ResolveException e) {
            return fail("Error reading policy " + GoQuote.quote(what) + ": " + e.getMessage());
        }
        if (policy.isEmpty()) {
            return fail("Error policy not found: " + name);
        }
        return print(policyFormatter().formatPolicy(policy.get()));
    }
}
