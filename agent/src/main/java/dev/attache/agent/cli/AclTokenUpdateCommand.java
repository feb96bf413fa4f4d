package dev.attache.agent.cli;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code attache acl token update -accessor-id ID [...]} (consul-behavior.md §4.5, §11.9): reads the token, changes
 * it as the flags say and {@code PUT}s the whole token back to {@code /v1/acl/token/<accessor>}.
 * <p>
 * As in Consul: the description changes only when given; policies are replaced by {@code -policy-*} or added to
 * by {@code -append-policy-*}; service and node identities are replaced by {@code -service-identity} /
 * {@code -node-identity} (so an update without them removes them) or merged by the {@code -append-} forms.
 * The deprecated {@code -id} and {@code -merge-*} flags are accepted and not listed in the help.
 */
public final class AclTokenUpdateCommand extends AclSubcommand {

    public AclTokenUpdateCommand(CommandContext ctx) {
        this(ctx, System.in);
    }

    AclTokenUpdateCommand(CommandContext ctx, InputStream stdin) {
        super(ctx, stdin);
        FlagSet.Section cmd = FlagSet.Section.COMMAND;
        metaFlag("token");
        flags.string("accessor-id", cmd, "", "string", "AccessorID of the token to update: the full ID or a prefix "
                + "that only this token's ID starts with.");
        flags.string("description", cmd, "", "string", "The token's new description; unchanged when not given.");
        flags.strings("policy-id", cmd, "ID of a policy to link instead of the token's current policies: the full "
                + "ID, a unique prefix, or a built-in policy's name. Repeat the flag for several.");
        flags.strings("policy-name", cmd, "Name of a policy to link instead of the token's current policies. Repeat "
                + "the flag for several.");
        flags.strings("append-policy-id", cmd, "ID of a policy to link in addition to the token's current "
                + "policies. Repeat the flag for several.");
        flags.strings("append-policy-name", cmd, "Name of a policy to link in addition to the token's current "
                + "policies. Repeat the flag for several.");
        flags.strings("service-identity", cmd, "A service identity replacing the token's: SERVICE or "
                + "SERVICE:DC1,DC2,... Repeat the flag for several.");
        flags.strings("append-service-identity", cmd, "A service identity added to the token's (replacing one of "
                + "the same service): SERVICE or SERVICE:DC1,DC2,... Repeat the flag for several.");
        flags.strings("node-identity", cmd, "A node identity replacing the token's: NODE:DATACENTER. Repeat the "
                + "flag for several.");
        flags.strings("append-node-identity", cmd, "A node identity added to the token's: NODE:DATACENTER. Repeat "
                + "the flag for several.");
        flags.string("id", FlagSet.Section.HIDDEN, "", "string", "Deprecated: use -accessor-id.");
        flags.bool("merge-policies", FlagSet.Section.HIDDEN, "Deprecated: use -append-policy-id or -append-policy-name.");
        flags.bool("merge-service-identities", FlagSet.Section.HIDDEN, "Deprecated: use -append-service-identity.");
        flags.bool("merge-node-identities", FlagSet.Section.HIDDEN, "Deprecated: use -append-node-identity.");
        formatFlag();
    }

    @Override
    protected String description() {
        return """
                Usage: attache acl token update [options]

                  Updates a token. Its locality, IDs and expiration cannot change.

                  Change the description, keeping the policies:

                      $ attache acl token update -accessor-id abcd -description "replication"

                  Add a policy:

                      $ attache acl token update -accessor-id abcd -append-policy-name "kv-read"
                """;
    }

    @Override
    protected int executeAcl(List<String> args) throws HttpFlags.ConfigException {
        String accessor = flags.value("accessor-id");
        if (accessor.isEmpty()) {
            if (flags.value("id").isEmpty()) {
                return fail("Cannot update a token without specifying the -accessor-id parameter");
            }
            accessor = flags.value("id");
            warn("Use the -accessor-id parameter to specify token by Accessor ID");
        }
        AclApi api = api();
        String accessorId;
        try {
            accessorId = AclIds.tokenAccessor(accessor, api::tokenList);
        } catch (AgentClient.RequestException | AclIds.ResolveException e) {
            return fail("Error determining token ID: " + e.getMessage());
        }
        AclToken current;
        try {
            current = api.tokenRead(accessorId);
        } catch (AgentClient.RequestException e) {
            return fail("Error when retrieving current token: " + e.getMessage());
        }
        AclToken updated;
        try {
            updated = apply(current, api);
        } catch (UpdateException e) {
            return fail(e.getMessage());
        }
        AclToken result;
        try {
            result = api.tokenUpdate(updated);
        } catch (AgentClient.RequestException e) {
            return fail("Failed to update token " + accessorId + ": " + e.getMessage());
        }
        return print(tokenFormatter(flags.isTrue(META)).formatToken(result));
    }

    /** A flag combination or value the update cannot apply; the message is Consul's. */
    private static final class UpdateException extends Exception {
        private static final long serialVersionUID = 1L;

        UpdateException(String message) {
            super(message, null, false, false);
        }
    }

    /** The token as the flags change it, checked and applied in Consul's order. */
    private AclToken apply(AclToken t, AclApi api) throws UpdateException {
        AclTokenBuilder b = t.toBuilder();
        if (!flags.value("description").isEmpty()) {
            b.description(flags.value("description"));
        }
        List<String> services = flags.values("service-identity");
        List<String> appendServices = flags.values("append-service-identity");
        if (!services.isEmpty() && !appendServices.isEmpty()) {
            throw new UpdateException("Cannot combine the use of service-identity flag with append-service-identity. "
                    + "To set or overwrite existing service identities, use -service-identity. "
                    + "To append to existing service identities, use -append-service-identity.");
        }
        List<AclServiceIdentity> parsedServices = parse(() ->
                AclServiceIdentity.parseAll(appendServices.isEmpty() ? services : appendServices));
        List<String> nodes = flags.values("node-identity");
        List<String> appendNodes = flags.values("append-node-identity");
        if (!nodes.isEmpty() && !appendNodes.isEmpty()) {
            throw new UpdateException("Cannot combine the use of node-identity flag with append-node-identity. "
                    + "To set or overwrite existing node identities, use -node-identity. "
                    + "To append to existing node identities, use -append-node-identity.");
        }
        List<AclNodeIdentity> parsedNodes = parse(() ->
                AclNodeIdentity.parseAll(appendNodes.isEmpty() ? nodes : appendNodes));
        b.policies(policies(t.policies(), api));
        b.serviceIdentities(flags.isTrue("merge-service-identities") || !appendServices.isEmpty()
                ? mergeServices(t.serviceIdentities(), parsedServices)
                : parsedServices);
        b.nodeIdentities(flags.isTrue("merge-node-identities") || !appendNodes.isEmpty()
                ? mergeNodes(t.nodeIdentities(), parsedNodes)
                : parsedNodes);
        return b.build();
    }

    private static <T> List<T> parse(java.util.function.Supplier<List<T>> parser) throws UpdateException {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UpdateException(e.getMessage());
        }
    }

    private List<AclLink> policies(List<AclLink> current, AclApi api) throws UpdateException {
        List<String> ids = flags.values("policy-id");
        List<String> names = flags.values("policy-name");
        List<AclLink> out = new ArrayList<>(current);
        if (flags.isTrue("merge-policies")) {
            warn("merge-policies is deprecated and will be removed in a future Consul version. "
                    + "Use `append-policy-name` or `append-policy-id` instead.");
            for (String name : names) {
                if (out.stream().noneMatch(l -> l.name().equals(name))) {
                    out.add(AclLink.byName(name));
                }
            }
            for (String partial : ids) {
                String id = resolvePolicy(partial, api);
                if (out.stream().noneMatch(l -> l.id().equals(id))) {
                    out.add(AclLink.byId(id));
                }
            }
            return out;
        }
        List<String> appendIds = flags.values("append-policy-id");
        List<String> appendNames = flags.values("append-policy-name");
        boolean replace = !ids.isEmpty() || !names.isEmpty();
        if (replace && (!appendIds.isEmpty() || !appendNames.isEmpty())) {
            throw new UpdateException("Cannot combine the use of policy-id/policy-name flags with append- variants. "
                    + "To set or overwrite existing policies, use -policy-id or -policy-name. "
                    + "To append to existing policies, use -append-policy-id or -append-policy-name.");
        }
        if (replace) {
            out.clear();
        }
        for (String name : replace ? names : appendNames) {
            out.add(AclLink.byName(name));
        }
        for (String partial : replace ? ids : appendIds) {
            out.add(AclLink.byId(resolvePolicy(partial, api)));
        }
        return out;
    }

    /** Resolves a {@code -policy-id} value; Consul's message has an empty ID, its variable being reset on failure. */
    private static String resolvePolicy(String partial, AclApi api) throws UpdateException {
        try {
            return AclIds.policyId(partial, api::policyList);
        } catch (AgentClient.RequestException | AclIds.ResolveException e) {
            throw new UpdateException("Error resolving policy ID : " + e.getMessage());
        }
    }

    /** The token's service identities with the given ones put in place of the same service's, or added. */
    static List<AclServiceIdentity> mergeServices(List<AclServiceIdentity> current, List<AclServiceIdentity> given) {
        List<AclServiceIdentity> out = new ArrayList<>(current);
        for (AclServiceIdentity s : given) {
            int found = -1;
            for (int i = 0; i < out.size() && found < 0; i++) {
                if (out.get(i).serviceName().equals(s.serviceName())) {
                    found = i;
                }
            }
            if (found >= 0) {
                out.set(found, s);
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** The token's node identities plus the given ones it does not have yet (same name and datacenter). */
    static List<AclNodeIdentity> mergeNodes(List<AclNodeIdentity> current, List<AclNodeIdentity> given) {
        List<AclNodeIdentity> out = new ArrayList<>(current);
        for (AclNodeIdentity n : given) {
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
