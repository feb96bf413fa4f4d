package dev.attache.agent.cli;

import java.io.InputStream;
import java.util.List;

/**
 * {@code attache acl bootstrap [SECRET_FILE | -]} (consul-behavior.md §4.1, §11.9): {@code PUT /v1/acl/bootstrap},
 * optionally with the secret read from a file or standard input, and prints the new management token.
 */
public final class AclBootstrapCommand extends AclSubcommand {

    public AclBootstrapCommand(CommandContext ctx) {
        this(ctx, System.in);
    }

    AclBootstrapCommand(CommandContext ctx, InputStream stdin) {
        super(ctx, stdin);
        formatFlag();
    }

    @Override
    protected String description() {
        return """
                Usage: attache acl bootstrap [options] [SECRET_FILE | -]

                  Asks the servers to create the first management token, with unlimited
                  privileges, and prints it. This works once; afterwards bootstrapping is
                  refused until it is reset. The token's secret may be chosen: give a file
                  holding it, or - to read it from standard input.
                """;
    }

    @Override
    protected int executeAcl(List<String> args) throws HttpFlags.ConfigException {
        if (args.size() > 1) {
            return fail("This command takes up to one argument");
        }
        String secret = "";
        if (args.size() == 1) {
            try {
                secret = dataSource().loadNoRaw(args.get(0));
            } catch (AclDataSource.LoadException e) {
                return fail("Error reading provided token: " + e.getMessage());
            }
        }
        AclApi api = api();
        AclToken token;
        try {
            token = api.bootstrap(secret.strip());
        } catch (AgentClient.RequestException e) {
            return fail("Failed ACL bootstrapping: " + e.getMessage());
        }
        return print(tokenFormatter(false).formatToken(token));
    }
}
