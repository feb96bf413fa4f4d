package dev.attache.agent.cli;

import java.io.InputStream;
import java.util.List;

/**
 * {@code attache acl token read -accessor-id ID | -self [-expanded] [-meta] [-format]} (consul-behavior.md §4.3,
 * §4.4, §11.9): {@code GET /v1/acl/token/<accessor>} (the accessor may be a unique prefix or {@code anonymous}),
 * with {@code ?expanded=true} for {@code -expanded}, or {@code GET /v1/acl/token/self}.
 */
public final class AclTokenReadCommand extends AclSubcommand {

    public AclTokenReadCommand(CommandContext ctx) {
        this(ctx, System.in);
    }

    AclTokenReadCommand(CommandContext ctx, InputStream stdin) {
        super(ctx, stdin);
        FlagSet.Section cmd = FlagSet.Section.COMMAND;
        metaFlag("token");
        flags.bool("self", cmd, "Read the token this request is made with (found by its secret) instead of one "
                + "named by -accessor-id.");
        flags.bool("expanded", cmd, "Also show the policies and identities that make up the token's "
                + "permissions, with their rules, and the agent's default policies.");
        flags.string("accessor-id", cmd, "", "string", "AccessorID of the token to read: the full ID, a prefix "
                + "that only this token's ID starts with, or 'anonymous'.");
        flags.string("id", FlagSet.Section.HIDDEN, "", "string", "Deprecated: use -accessor-id.");
        formatFlag();
    }

    @Override
    protected String description() {
        return """
                Usage: attache acl token read [options] -accessor-id ACCESSOR_ID

                  Prints one token.

                  By a prefix of its AccessorID:

                      $ attache acl token read -accessor-id 4be56c77-82

                  The token of this request:

                      $ attache acl token read -self
                """;
    }

    @Override
    protected int executeAcl(List<String> args) throws HttpFlags.ConfigException {
        AclApi api = api();
        boolean expanded = flags.isTrue("expanded");
        AclTokenFormatter formatter = tokenFormatter(flags.isTrue(META));
        if (flags.isTrue("self")) {
            if (expanded) {
                return fail("Cannot use both -expanded and -self. Instead, use -expanded and "
                        + "-accessor-id=<accessor id>.");
            }
            try {
                return print(formatter.formatToken(api.tokenReadSelf()));
            } catch (AgentClient.RequestException e) {
                return fail("Error reading token: " + e.getMessage());
            }
        }
        String accessor = flags.value("accessor-id");
        if (accessor.isEmpty()) {
            if (flags.value("id").isEmpty()) {
                return fail("Must specify the -accessor-id parameter");
            }
            accessor = flags.value("id");
            warn("Use the -accessor-id parameter to specify token by Accessor ID");
        }
        String accessorId;
        try {
            accessorId = AclIds.tokenAccessor(accessor, api::tokenList);
        } catch (AgentClient.RequestException | AclIds.ResolveException e) {
            return fail("Error determining token ID: " + e.getMessage());
        }
        try {
            return print(expanded
                    ? formatter.formatTokenExpanded(api.tokenReadExpanded(accessorId))
                    : formatter.formatToken(api.tokenRead(accessorId)));
        } catch (AgentClient.RequestException e) {
            return fail("Error reading token " + GoQuote.quote(accessorId) + ": " + e.getMessage());
        }
    }
}
