package dev.attache.agent.cli;

import java.util.List;

/**
 * A command that talks to a running agent over its HTTP API. The shared part: {@code -h}/{@code -help}
 * prints the help on standard output (exit 0), a flag error prints Go's message and the help on standard
 * error (exit 1), and a client that cannot be configured prints {@code Error connecting to Consul agent: ...}
 * (exit 1). Subclasses define their flags in their constructor and implement {@link #execute(List)}.
 */
abstract class AgentCommand {
    protected final CommandContext ctx;
    protected final FlagSet flags = new FlagSet();

    AgentCommand(CommandContext ctx) {
        this.ctx = ctx;
        HttpFlags.register(flags);
    }

    /** Runs the command; returns its exit code. */
    public final int run(List<String> args) {
        if (FlagSet.wantsHelp(args)) {
            ctx.out().println(help());
            return 0;
        }
        try {
            flags.parse(args);
        } catch (FlagSet.FlagException e) {
            ctx.err().println(e.getMessage());
            ctx.err().println(help());
            return 1;
        }
        try {
            return execute(flags.args());
        } catch (HttpFlags.ConfigException e) {
            ctx.err().println("Error connecting to Consul agent: " + e.getMessage());
            return 1;
        } finally {
            ctx.out().flush();
            ctx.err().flush();
        }
    }

    /** The full help: the command's description and its flags. */
    public final String help() {
        return flags.usage(description());
    }

    /** {@code Usage: attache <command> ...} and a short description. */
    protected abstract String description();

    /** Runs with the positional arguments left after the flags. */
    protected abstract int execute(List<String> args) throws HttpFlags.ConfigException;

    /** A client for the agent named by the HTTP flags and the environment. */
    protected final AgentClient client() throws HttpFlags.ConfigException {
        return HttpFlags.client(flags, ctx);
    }
}
