package dev.attache.agent.cli;

import java.io.InputStream;
import java.util.List;

/**
 * {@code attache acl policy create -name NAME [-description D] [-rules R] [-valid-datacenter DC ...]}
 * (consul-behavior.md §4.9): {@code PUT /v1/acl/policy}, and prints the new policy. The rules may be given as
 * text, as {@code @file}, or as {@code -} for standard input.
 */
public final class AclPolicyCreateCommand extends AclSubcommand {

    public AclPolicyCreateCommand(CommandContext ctx) {
        this(ctx, System.in);
    }

    AclPolicyCreateCommand(CommandContext ctx, InputStream stdin) {
        super(ctx, stdin);
        FlagSet.Section cmd = FlagSet.Section.COMMAND;
        metaFlag("policy");
        flags.string("name", cmd, "", "string", "Name of the new policy. Required.");
        flags.string("description", cmd, "", "string", "Free text describing the policy.");
        flags.strings("valid-datacenter", cmd, "A datacenter the policy applies in; repeat the flag for several. "
                + "Without it, the policy applies in every datacenter.");
        flags.string("rules", cmd, "", "string", "The rules of the policy. A value starting with '@' names a file "
                + "to read them from; '-' reads them from standard input.");
        formatFlag();
    }

    @Override
    protected String description() {
        return """
                Usage: attache acl policy create -name NAME [options]

                  Creates a policy and prints it. The -rules value is the rules text itself,
                  @FILE to read them from a file, or - to read them from standard input.

                  Example:

                      $ attache acl policy create -name "web-read" \\
                                                  -description "Read the web service" \\
                                                  -valid-datacenter "dc1" \\
                                                  -rules @web-read.hcl
                """;
    }

    @Override
    protected int executeAcl(List<String> args) throws HttpFlags.ConfigException {
        String name = flags.value("name");
        if (name.isEmpty()) {
            fail("Missing required '-name' flag");
            return fail(help());
        }
        AclApi api = api();
        String rules;
        try {
            rules = dataSource().load(flags.value("rules"));
        } catch (AclDataSource.LoadException e) {
            return fail("Error loading rules: " + e.getMessage());
        }
        List<String> datacenters = flags.isSet("valid-datacenter") ? flags.values("valid-datacenter") : null;
        AclPolicy created;
        try {
            created = api.policyCreate(AclPolicy.request("", name, flags.value("description"), rules, datacenters));
        } catch (AgentClient.RequestException e) {
            return fail("Failed to create new policy: " + e.getMessage());
        }
        return print(policyFormatter().formatPolicy(created));
    }
}
