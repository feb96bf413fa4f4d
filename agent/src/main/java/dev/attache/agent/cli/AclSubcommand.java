package dev.attache.agent.cli;

import java.io.InputStream;
import java.time.ZoneId;
import java.util.List;

/**
 * What the {@code acl} commands share on top of {@link AgentCommand}: the server flags ({@code -datacenter},
 * {@code -stale}), the {@code -format} and {@code -meta} flags where a command has them, standard input for
 * {@code -} values, and Consul's way of printing (output as one line, errors and warnings on standard error).
 * <p>
 * An unknown {@code -format} is rejected before any request, with Consul's message; Consul itself only notices
 * it after the request, when a created token can no longer be shown.
 */
abstract class AclSubcommand extends AgentCommand {
    static final String FORMAT = "format";
    static final String META = "meta";

    private final InputStream stdin;
    private boolean hasFormat;

    AclSubcommand(CommandContext ctx, InputStream stdin) {
        super(ctx);
        this.stdin = stdin;
        HttpFlags.registerServer(flags);
    }

    /** Defines {@code -format=pretty|json}. */
    protected final void formatFlag() {
        flags.string(FORMAT, FlagSet.Section.COMMAND, AclTokenFormatter.PRETTY, "string",
                AclTokenFormatter.FORMAT_USAGE);
        hasFormat = true;
    }

    /** Defines {@code -meta}. */
    protected final void metaFlag(String what) {
        flags.bool(META, FlagSet.Section.COMMAND, "Also show the " + what + "'s metadata: its content hash and its "
                + "Raft create and modify indexes.");
    }

    @Override
    protected final int execute(List<String> args) throws HttpFlags.ConfigException {
        String problem = flagValueProblem();
        if (problem != null) {
            ctx.err().println(problem);
            ctx.err().println(help());
            return 1;
        }
        if (hasFormat) {
            String format = flags.value(FORMAT);
            if (!format.equals(AclTokenFormatter.PRETTY) && !format.equals(AclTokenFormatter.JSON)) {
                return fail("Unknown format: " + format);
            }
        }
        return executeAcl(args);
    }

    /**
     * A flag value Go's flag package would have refused while parsing (a bad duration), as Go words it; null when
     * every value is fine.
     */
    protected String flagValueProblem() {
        return null;
    }

    /** Runs with the positional arguments, the flags parsed and checked. */
    protected abstract int executeAcl(List<String> args) throws HttpFlags.ConfigException;

    /** The ACL API of the agent named by the HTTP flags. */
    protected final AclApi api() throws HttpFlags.ConfigException {
        return new AclApi(client(), flags.value(HttpFlags.DATACENTER));
    }

    protected final AclDataSource dataSource() {
        return new AclDataSource(stdin);
    }

    protected final AclTokenFormatter tokenFormatter(boolean showMeta) {
        return AclTokenFormatter.of(flags.value(FORMAT), showMeta, localZone());
    }

    protected final AclPolicyFormatter policyFormatter() {
        return AclPolicyFormatter.of(flags.value(FORMAT), flags.isTrue(META));
    }

    /** Consul's {@code UI.Info} of a formatted result: the text and a newline, nothing for empty text. Exit 0. */
    protected final int print(String text) {
        if (!text.isEmpty()) {
            ctx.out().println(text);
        }
        return 0;
    }

    /** Consul's {@code UI.Error}: the message on standard error. Exit 1. */
    protected final int fail(String message) {
        ctx.err().println(message);
        return 1;
    }

    /** Consul's {@code UI.Warn}: the message on standard error; the command goes on. */
    protected final void warn(String message) {
        ctx.err().println(message);
    }

    /** The time zone Go would print local times in for this environment. */
    private ZoneId localZone() {
        return GoTime.localZone(ctx.env());
    }
}
