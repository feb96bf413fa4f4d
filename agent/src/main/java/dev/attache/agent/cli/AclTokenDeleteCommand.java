package dev.attache.agent.cli;

import java.io.InputStream;
import java.util.List;

/** {@code attache acl token delete -accessor-id ID} (consul-behavior.md §4.7): {@code DELETE /v1/acl/token/<accessor>}. */
public final class AclTokenDeleteCommand extends AclSubcommand {

    public AclTokenDeleteCommand(CommandContext ctx) {
        this(ctx, System.in);
    }

    AclTokenDeleteCommand(CommandContext ctx, InputStream stdin) {
        super(ctx, stdin);
        flags.string("accessor-id", FlagSet.Section.COMMAND, "", "string", "AccessorID of the token to delete: the "
                + "full ID or a prefix that only this token's ID starts with.");
        flags.string("id", FlagSet.Section.HIDDEN, "", "string", "Deprecated: use -accessor-id.");
    }

    @Override
    protected String description() {
        return """
                Usage: attache acl token delete [options] -accessor-id ACCESSOR_ID

                  Deletes a token, given its AccessorID or a unique prefix of it.

                      $ attache acl token delete -accessor-id b6b85
                """;
    }

    @Override
    protected int executeAcl(List<String> args) throws HttpFlags.ConfigException {
        String accessor = flags.value("accessor-id");
        if (accessor.isEmpty()) {
            if (flags.value("id").isEmpty()) {
                return fail("Must specify the -accessor-id parameter");
            }
            accessor = flags.value("id");
            warn("Use the -accessor-id parameter to specify token by Accessor ID.");
        }
        AclApi api = api();
        String accessorId;
        try {
            accessorId = AclIds.tokenAccessor(accessor, api::tokenList);
        } catch (AgentClient.RequestException | AclIds.ResolveException e) {
            return fail("Error determining token ID: " + e.getMessage());
        }
        try {
            api.tokenDelete(accessorId);
        } catch (AgentClient.RequestException e) {
            return fail("Error deleting token " + GoQuote.quote(accessorId) + ": " + e.getMessage());
        }
        ctx.out().println("Token " + GoQuote.quote(accessorId) + " deleted successfully");
        return 0;
    }
}
