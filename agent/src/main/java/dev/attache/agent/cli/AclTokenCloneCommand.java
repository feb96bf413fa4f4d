package dev.attache.agent.cli;

import java.io.InputStream;
import java.util.List;

/**
 * {@code attache acl token clone -accessor-id ID [-description D]} (consul-behavior.md §4.6):
 * {@code PUT /v1/acl/token/<accessor>/clone} with {@code {"Description":...}}, and prints the new token.
 */
public final class AclTokenCloneCommand extends AclSubcommand {

    public AclTokenCloneCommand(CommandContext ctx) {
        this(ctx, System.in);
    }

    AclTokenCloneCommand(CommandContext ctx, InputStream stdin) {
        super(ctx, stdin);
        FlagSet.Section cmd = FlagSet.Section.COMMAND;
        flags.string("accessor-id", cmd, "", "string", "AccessorID of the token to clone: the full ID, a prefix "
                + "that only this token's ID starts with, or 'anonymous'.");
        flags.string("description", cmd, "", "string", "Description of the new token; the original's when not "
                + "given.");
        flags.string("id", FlagSet.Section.HIDDEN, "", "string", "Deprecated: use -accessor-id.");
        formatFlag();
    }

    @Override
    protected String description() {
        return """
                Usage: attache acl token clone [options] -accessor-id ACCESSOR_ID

                  Creates a token with the same policies, identities and locality as an
                  existing one, and new IDs. The description may be replaced.

                      $ attache acl token clone -accessor-id abcd -description "web agent 2"
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
            warn("The -id parameter is deprecated. Use the -accessor-id parameter instead.");
        }
        AclApi api = api();
        String accessorId;
        try {
            accessorId = AclIds.tokenAccessor(accessor, api::tokenList);
        } catch (AgentClient.RequestException | AclIds.ResolveException e) {
            return fail("Error determining token Accessor ID: " + e.getMessage());
        }
        AclToken clone;
        try {
            clone = api.tokenClone(accessorId, flags.value("description"));
        } catch (AgentClient.RequestException e) {
            return fail("Error cloning token: " + e.getMessage());
        }
        return print(tokenFormatter(false).formatToken(clone));
    }
}
