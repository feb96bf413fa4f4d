package dev.attache.agent.cli;

import java.io.InputStream;
import java.util.List;

/**
 * {@code attache acl policy update -id ID | -name NAME [...]} (consul-behavior.md §4.9): reads the policy, applies
 * the flags given (all fields replaced with {@code -no-merge}) and {@code PUT}s it to
 * {@code /v1/acl/policy/<id>}. Without {@code -id}, {@code -name} both finds the policy and is its name.
 */
public final class AclPolicyUpdateCommand extends AclSubcommand {

    public AclPolicyUpdateCommand(CommandContext ctx) {
        this(ctx, System.in);
    }

    AclPolicyUpdateCommand(CommandContext ctx, InputStream stdin) {
        super(ctx, stdin);
        FlagSet.Section cmd = FlagSet.Section.COMMAND;
        metaFlag("policy");
        flags.string("id", cmd, "", "string", "ID of the policy to update: the full ID, a prefix that only this "
                + "policy's ID starts with, or the name of a built-in policy.");
        flags.string("name", cmd, "", "string", "The policy's new name; without -id, the name of the policy to "
                + "update.");
        flags.string("description", cmd, "", "string", "Free text describing the policy.");
        flags.strings("valid-datacenter", cmd, "A datacenter the policy applies in; repeat the flag for several. "
                + "Replaces the policy's datacenters.");
        flags.string("rules", cmd, "", "string", "The rules of the policy. A value starting with '@' names a file "
                + "to read them from; '-' reads them from standard input.");
        flags.bool("no-merge", cmd, "Replace every field of the policy with the flags' values (empty when not "
                + "given) instead of changing only the fields given. The ID never changes.");
        formatFlag();
    }

    @Override
    protected String description() {
        return """
                Usage: attache acl policy update [options]

                  Updates a policy. Only the fields whose flags are given change, unless
                  -no-merge is given: then every field takes its flag's value.

                  Rename a policy:

                      $ attache acl policy update -id fdabbcb5 -name "web-write"

                  Replace its rules:

                      $ attache acl policy update -name "web-write" -rules @web-write.hcl
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
        String rules;
        try {
            rules = dataSource().load(flags.value("rules"));
        } catch (AclDataSource.LoadException e) {
            return fail("Error loading data source: " + e.getMessage());
        }
        List<String> datacenters = flags.isSet("valid-datacenter") ? flags.values("valid-datacenter") : null;
        AclPolicy updated;
        if (flags.isTrue("no-merge")) {
            updated = AclPolicy.request(policyId, name, flags.value("description"), rules, datacenters);
        } else {
            AclPolicy current;
            try {
                current = api.policyRead(policyId);
            } catch (AgentClient.RequestException e) {
                return fail("Error reading policy " + GoQuote.quote(policyId) + ": " + e.getMessage());
            }
            updated = AclPolicy.request(policyId,
                    flags.isSet("name") ? name : current.name(),
                    flags.isSet("description") ? flags.value("description") : current.description(),
                    flags.isSet("rules") ? rules : current.rules(),
                    datacenters != null ? datacenters : current.datacenters());
        }
        AclPolicy result;
        try {
            result = api.policyUpdate(updated);
        } catch (AgentClient.RequestException e) {
            return fail("Error updating policy " + GoQuote.quote(policyId) + ": " + e.getMessage());
        }
        return print(policyFormatter().formatPolicy(result));
    }
}
