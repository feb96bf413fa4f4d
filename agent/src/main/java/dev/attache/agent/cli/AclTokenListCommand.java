package dev.attache.agent.cli;

import java.io.InputStream;
import java.util.List;

/** {@code attache acl token list [-meta] [-format]} (consul-behavior.md §4.8): {@code GET /v1/acl/tokens}. */
public final class AclTokenListCommand extends AclSubcommand {

    public AclTokenListCommand(CommandContext ctx) {
        this(ctx, System.in);
    }

    AclTokenListCommand(CommandContext ctx, InputStream stdin) {
        super(ctx, stdin);
        metaFlag("token");
        formatFlag();
    }

    @Override
    protected String description() {
        return """
                Usage: attache acl token list [options]

                  Lists every token the request may read.

                      $ attache acl token list
                """;
    }

    @Override
    protected int executeAcl(List<String> args) throws HttpFlags.ConfigException {
        AclApi api = api();
        List<AclTokenListEntry> tokens;
        try {
            tokens = api.tokenList();
        } catch (AgentClient.RequestException e) {
            return fail("Failed to retrieve the token list: " + e.getMessage());
        }
        return print(tokenFormatter(flags.isTrue(META)).formatTokenList(tokens));
    }
}
