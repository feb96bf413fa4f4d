package dev.attache.agent;

import dev.attache.agent.cli.AclCommand;
import dev.attache.agent.cli.CommandContext;
import dev.attache.agent.cli.ForceLeaveCommand;
import dev.attache.agent.cli.JoinCommand;
import dev.attache.agent.cli.LeaveCommand;
import dev.attache.agent.cli.MaintCommand;
import dev.attache.agent.cli.MembersCommand;
import dev.attache.agent.cli.MonitorCommand;
import dev.attache.agent.cli.ReloadCommand;
import dev.attache.agent.config.ConfigLoader;
import dev.attache.agent.config.Flags;
import dev.attache.agent.lab.LabCommand;
import dev.attache.api.BindFailedException;
import dev.attache.api.BuildInfo;
import dev.attache.cluster.PortInUseException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code attache} command line: {@code attache <command> [flags]}. */
public final class Main {
    static final String USAGE = """
            Usage: attache [--version] [--help] <command> [<args>]

            Available commands are:
                acl            Interact with Attaché's ACLs
                agent          Runs an Attaché agent
                force-leave    Forces a member of the cluster to enter the "left" state
                join           Tell Attaché agent to join cluster
                lab            Runs a lab cluster of agent processes and throws faults at it
                leave          Gracefully leaves the Attaché cluster and shuts down
                maint          Controls node or service maintenance mode
                members        Lists the members of an Attaché cluster
                monitor        Stream logs from an Attaché agent
                reload         Triggers the agent to reload configuration files
                version        Prints the Attaché version
            """;

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.out, System.err);
        if (code != Integer.MIN_VALUE) {
            System.exit(code);
        }
    }

    /** Runs a command; returns the exit code, or {@code Integer.MIN_VALUE} when an agent keeps running. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("-h") || args.get(0).equals("--help") || args.get(0).equals("-help")) {
            err.print(USAGE);
            return args.isEmpty() ? 1 : 0;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        return switch (command) {
            case "acl" -> new AclCommand(new CommandContext(out, err, System.getenv())).run(rest);
            case "agent" -> agent(rest, out, err);
            case "members" -> new MembersCommand(new CommandContext(out, err, System.getenv())).run(rest);
            case "lab" -> LabCommand.cli(out, err).run(rest);
            case "join" -> new JoinCommand(new CommandContext(out, err, System.getenv())).run(rest);
            case "leave" -> new LeaveCommand(new CommandContext(out, err, System.getenv())).run(rest);
            case "monitor" -> monitor(rest, out, err);
            case "force-leave" -> new ForceLeaveCommand(new CommandContext(out, err, System.getenv())).run(rest);
            case "reload" -> new ReloadCommand(new CommandContext(out, err, System.getenv())).run(rest);
            case "maint" -> new MaintCommand(new CommandContext(out, err, System.getenv())).run(rest);
            case "version", "--version", "-version", "-v" -> {
                BuildInfo b = BuildInfo.current();
                out.println("Attaché v" + b.metadata().replaceFirst("^attache\\.", "")
                        + " (Consul API v" + b.version() + ")");
                out.println("Revision " + (b.revision().isEmpty() ? "unknown" : b.revision()));
                yield 0;
            }
            default -> {
                err.println("Unknown command: '" + command + "'");
                err.println();
                err.print(USAGE);
                yield 1;
            }
        };
    }

    /** {@code attache monitor}: Ctrl-C ends it with exit 0, as in Consul. */
    private static int monitor(List<String> args, PrintStream out, PrintStream err) {
        MonitorCommand monitor = new MonitorCommand(new CommandContext(out, err, System.getenv()));
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> monitor.stop());
        return monitor.run(args);
    }

    private static int agent(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("-h") || args.contains("-help") || args.contains("--help")) {
            out.println("Usage: attache agent [options]\n\n  Starts the Attaché agent and runs until an interrupt is received.\n");
            out.print(Flags.usage());
            return 0;
        }
        ConfigLoader.Loaded loaded;
        try {
            loaded = ConfigLoader.load(args);
        } catch (ConfigException e) {
            err.println("==> " + e.getMessage());
            return 1;
        }
        AgentConfig config = loaded.config();
        Logging.configureCli(config.logLevel());
        Logger log = LoggerFactory.getLogger(Main.class);
        loaded.warnings().forEach(w -> log.warn("{}: {}", config.nodeName(), w));
        out.println("==> Starting Attaché agent...");
        Agent agent;
        try {
            agent = Agent.builder().config(config)
                    .configSource(() -> reloaded(args, log))
                    .onReload(c -> Logging.setLevel(c.logLevel()))
                    .start();
        } catch (RuntimeException e) {
            err.println("==> Error starting agent: " + reason(e));
            return 1;
        }
        out.printf("""
                           Version: '%s'
                           Node ID: '%s'
                         Node name: '%s'
                        Datacenter: '%s' (Segment: '')
                            Server: %s (Bootstrap: %s)
                       Client Addr: [%s] (HTTP: %d)
                      Cluster Addr: %s (LAN: %d, WAN: %d)
                          Data Dir: %s

                ==> Log data will now stream in as it occurs:

                """, BuildInfo.current().humanVersion(), agent.config().nodeId(), config.nodeName(),
                config.datacenter(), config.server(), config.devMode() || config.bootstrapExpect() == 1,
                config.clientAddress(), agent.httpPort(), config.bindAddress(), agent.serfLanPort(),
                agent.serfWanPort(), agent.dataDir());
        out.flush();
        Signals.install(agent);
        agent.whenStopped().join();
        return 0;
    }

    /** The configuration from the agent's files and flags again, its warnings logged: what a reload applies. */
    private static AgentConfig reloaded(List<String> args, Logger log) {
        ConfigLoader.Loaded loaded = ConfigLoader.load(args);
        loaded.warnings().forEach(w -> log.warn("{}: {}", loaded.config().nodeName(), w));
        return loaded.config();
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof AgentStartException) && t.getCause() != null
                && !(t.getCause() instanceof InterruptedException)) {
            if (t instanceof AgentStartException && !(t.getCause() instanceof java.util.concurrent.TimeoutException)) {
                t = t.getCause();
                continue;
            }
            if (t instanceof CompletionException) {
                t = t.getCause();
                continue;
            }
            break;
        }
        if (t instanceof BindFailedException || t instanceof ConfigException || t instanceof PortInUseException) {
            return t.getMessage();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
