package dev.attache.agent.cli;

import java.util.List;
import java.util.function.Function;

/**
 * {@code attache acl ...}: finds the subcommand named by the leading words ({@code acl token read}) as Consul's
 * CLI library does, and runs it with the rest of the arguments. A group ({@code acl}, {@code acl policy},
 * {@code acl token}) run without a known subcommand prints its help with the list of subcommands on standard
 * error and exits 1; with {@code -h} it prints the same on standard output and exits 0.
 */
public final class AclCommand {
    /** A subcommand, or a group of them. */
    private record Node(String name, String synopsis, String help, List<Node> children,
                        Function<CommandContext, AgentCommand> factory) {
        static Node leaf(String name, String synopsis, Function<CommandContext, AgentCommand> factory) {
            return new Node(name, synopsis, "", List.of(), factory);
        }

        static Node group(String name, String synopsis, String help, List<Node> children) {
            return new Node(name, synopsis, help, List.copyOf(children), null);
        }

        Node child(String word) {
            return children.stream().filter(c -> c.name.equals(word)).findFirst().orElse(null);
        }
    }

    private static final Node TREE = Node.group("acl", "Interact with Attaché's ACLs", """
            Usage: attache acl <subcommand> [options] [args]

              The subcommands manage the ACL system: bootstrap it, manage its policies and
              tokens, and set the tokens the agent uses. For example:

              Bootstrap the ACL system:

                  $ attache acl bootstrap

              Create a policy:

                  $ attache acl policy create -name "web-read" -rules @web-read.hcl

              Create a token linked to it:

                  $ attache acl token create -policy-name "web-read"

              Set the agent's default token:

                  $ attache acl set-agent-token default 0bc6bc46-f25e-4262-b2d9-ffbe1d96be6f

              Each subcommand has its own help (-h).
            """, List.of(
            Node.leaf("bootstrap", "Bootstrap Attaché's ACL system", AclBootstrapCommand::new),
            Node.group("policy", "Manage Attaché's ACL policies", """
                    Usage: attache acl policy <subcommand> [options] [args]

                      The subcommands create, list, read, update and delete ACL policies.

                          $ attache acl policy create -name "web-read" -rules @web-read.hcl
                          $ attache acl policy list
                          $ attache acl policy read -name "web-read"
                          $ attache acl policy update -name "web-read" -description "Web readers"
                          $ attache acl policy delete -name "web-read"
                    """, List.of(
                    Node.leaf("create", "Create an ACL policy", AclPolicyCreateCommand::new),
                    Node.leaf("delete", "Delete an ACL policy", AclPolicyDeleteCommand::new),
                    Node.leaf("list", "Lists ACL policies", AclPolicyListCommand::new),
                    Node.leaf("read", "Read an ACL policy", AclPolicyReadCommand::new),
                    Node.leaf("update", "Update an ACL policy", AclPolicyUpdateCommand::new))),
            Node.leaf("set-agent-token", "Assign tokens for the Attaché agent's usage", AclSetAgentTokenCommand::new),
            Node.group("token", "Manage Attaché's ACL tokens", """
                    Usage: attache acl token <subcommand> [options] [args]

                      The subcommands create, list, read, update, clone and delete ACL tokens.

                          $ attache acl token create -description "web" -policy-id 06acc965
                          $ attache acl token list
                          $ attache acl token read -accessor-id 986193
                          $ attache acl token update -accessor-id 986193 -description "web agents"
                          $ attache acl token delete -accessor-id 986193
                    """, List.of(
                    Node.leaf("clone", "Clone an ACL token", AclTokenCloneCommand::new),
                    Node.leaf("create", "Create an ACL token", AclTokenCreateCommand::new),
                    Node.leaf("delete", "Delete an ACL token", AclTokenDeleteCommand::new),
                    Node.leaf("list", "List ACL tokens", AclTokenListCommand::new),
                    Node.leaf("read", "Read an ACL token", AclTokenReadCommand::new),
                    Node.leaf("update", "Update an ACL token", AclTokenUpdateCommand::new)))));

    private final CommandContext ctx;

    public AclCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    /** The synopsis {@code attache}'s own usage lists for {@code acl}. */
    public static String synopsis() {
        return TREE.synopsis();
    }

    /** Runs {@code acl} with the arguments after it; returns the exit code. */
    public int run(List<String> args) {
        Node node = TREE;
        int i = 0;
        while (i < args.size() && node.factory() == null && node.child(args.get(i)) != null) {
            node = node.child(args.get(i));
            i++;
        }
        List<String> rest = args.subList(i, args.size());
        if (node.factory() != null) {
            return node.factory().apply(ctx).run(rest);
        }
        if (FlagSet.wantsHelp(rest)) {
            ctx.out().print(help(node));
            ctx.out().flush();
            return 0;
        }
        ctx.err().print(help(node));
        ctx.err().flush();
        return 1;
    }

    /** The group's help, then {@code Subcommands:} with each name padded to the longest and its synopsis. */
    static String help(String... path) {
        Node node = TREE;
        for (String word : path) {
            node = node.child(word);
        }
        return help(node);
    }

    private static String help(Node group) {
        int longest = group.children().stream().mapToInt(c -> c.name().length()).max().orElse(0);
        StringBuilder b = new StringBuilder(group.help().strip()).append("\n\nSubcommands:");
        for (Node c : group.children()) {
            b.append("\n    ").append(c.name()).append(" ".repeat(longest - c.name().length())).append("    ")
                    .append(c.synopsis());
        }
        return b.append('\n').toString();
    }
}
