package dev.attache.agent.cli;

import java.io.InputStream;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code attache acl token create} (consul-behavior.md §4.2, §11.9): {@code PUT /v1/acl/token} with the links
 * and identities given, and prints the new token. Policies link by name as given, and by ID after resolving an
 * ID prefix or a built-in policy's name. Roles and templated policies are not served by Attaché's agent, so
 * their flags do not exist here.
 */
public final class AclTokenCreateCommand extends AclSubcommand {
    static final String EXPIRES_TTL = "expires-ttl";

    public AclTokenCreateCommand(CommandContext ctx) {
        this(ctx, System.in);
    }

    AclTokenCreateCommand(CommandContext ctx, InputStream stdin) {
        super(ctx, stdin);
        FlagSet.Section cmd = FlagSet.Section.COMMAND;
        flags.string("accessor", cmd, "", "string", "The new token's AccessorID, a UUID. Generated when not given.");
        flags.string("secret", cmd, "", "string", "The new token's SecretID, a UUID. Generated when not given.");
        metaFlag("token");
        flags.bool("local", cmd, "Make the token local to this datacenter instead of global.");
        flags.string("description", cmd, "", "string", "Free text describing the token.");
        flags.strings("policy-id", cmd, "ID of a policy to link: the full ID, a unique prefix of it, or a built-in "
                + "policy's name. Repeat the flag for several.");
        flags.strings("policy-name", cmd, "Name of a policy to link. Repeat the flag for several.");
        flags.strings("service-identity", cmd, "A service identity: SERVICE for every datacenter, or "
                + "SERVICE:DC1,DC2,... Repeat the flag for several.");
        flags.strings("node-identity", cmd, "A node identity: NODE:DATACENTER. Repeat the flag for several.");
        flags.string(EXPIRES_TTL, cmd, "0s", "duration", "How long the token stays valid, as a duration such "
                + "as 30m or 24h. Without it the token does not expire.");
        formatFlag();
    }

    @Override
    protected String description() {
        return """
                Usage: attache acl token create [options]

                  Creates a token and prints it, secret included. Link policies with
                  -policy-id or -policy-name; a policy ID may be shortened to a prefix that
                  only that policy's ID starts with.

                      $ attache acl token create -description "web agent" \\
                                                 -policy-name "node-write" \\
                                                 -policy-id 06acc965 \\
                                                 -service-identity "web:dc1,dc2" \\
                                                 -node-identity "node1:dc1"
                """;
    }

    @Override
    protected String flagValueProblem() {
        return ttl().isPresent() ? null : invalidDuration(EXPIRES_TTL, flags.value(EXPIRES_TTL));
    }

    private OptionalLong ttl() {
        return GoDuration.parse(flags.value(EXPIRES_TTL));
    }

    /** Go's flag package rejecting a {@code flag.Duration} value. */
    static String invalidDuration(String flag, String value) {
        return "invalid value " + GoQuote.quote(value) + " for flag -" + flag + ": parse error";
    }

    @Override
    protected int executeAcl(List<String> args) throws HttpFlags.ConfigException {
        List<String> policyIds = flags.values("policy-id");
        List<String> policyNames = flags.values("policy-name");
        List<String> services = flags.values("service-identity");
        List<String> nodes = flags.values("node-identity");
        if (policyIds.isEmpty() && policyNames.isEmpty() && services.isEmpty() && nodes.isEmpty()) {
            return fail("Cannot create a token without specifying -policy-name, -policy-id, -service-identity, "
                    + "or -node-identity at least once");
        }
        AclApi api = api();
        AclTokenBuilder token = AclToken.builder()
                .description(flags.value("description"))
                .local(flags.isTrue("local"))
                .accessorId(flags.value("accessor"))
                .secretId(flags.value("secret"));
        long ttl = ttl().getAsLong();
        if (ttl > 0) {
            token.expirationTtl(ttl);
        }
        try {
            token.serviceIdentities(AclServiceIdentity.parseAll(services));
            token.nodeIdentities(AclNodeIdentity.parseAll(nodes));
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        policyNames.forEach(n -> token.addPolicy(AclLink.byName(n)));
        for (String partial : policyIds) {
            try {
                token.addPolicy(AclLink.byId(AclIds.policyId(partial, api::policyList)));
            } catch (AgentClient.RequestException | AclIds.ResolveException e) {
                // Consul's message loses the ID: its resolved variable, empty on failure, is what it prints.
                return fail("Error resolving policy ID : " + e.getMessage());
            }
        }
        AclToken created;
        try {
            created = api.tokenCreate(token.build());
        } catch (AgentClient.RequestException e) {
            return fail("Failed to create new token: " + e.getMessage());
        }
        return print(tokenFormatter(flags.isTrue(META)).formatToken(created));
    }
}
