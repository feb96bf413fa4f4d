package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code attache acl ...} dispatch and group help, as Consul's CLI library does it. */
class AclCommandTest {
    private static CliRun acl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int exit = new AclCommand(new CommandContext(o, e, Map.of())).run(List.of(args));
            return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aclAloneShowsItsHelpAndSubcommandsOnStandardErrorAndFails() {
        CliRun run = acl();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("Usage: attache acl <subcommand> [options] [args]\n")
                .endsWith("""


                        Subcommands:
                            bootstrap          Bootstrap Attaché's ACL system
                            policy             Manage Attaché's ACL policies
                            set-agent-token    Assign tokens for the Attaché agent's usage
                            token              Manage Attaché's ACL tokens
                        """);
    }

    @Test
    void unknownSubcommandShowsTheNearestGroupsHelp() {
        CliRun run = acl("token", "revoke", "-accessor-id", "x");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(AclCommand.help("token")).endsWith("""
                Subcommands:
                    clone     Clone an ACL token
                    create    Create an ACL token
                    delete    Delete an ACL token
                    list      List ACL tokens
                    read      Read an ACL token
                    update    Update an ACL token
                """);
    }

    @Test
    void groupHelpFlagPrintsOnStandardOutputAndSucceeds() {
        CliRun run = acl("policy", "-h");

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(AclCommand.help("policy"))
                .startsWith("Usage: attache acl policy <subcommand> [options] [args]\n");
    }

    @Test
    void flagsBeforeASubcommandStopTheSearchAtTheGroup() {
        CliRun run = acl("-token=x", "token", "list");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(AclCommand.help());
    }

    @Test
    void leafSubcommandRunsWithTheRemainingArguments() {
        CliRun run = acl("token", "read", "-help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Usage: attache acl token read [options] -accessor-id ACCESSOR_ID\n");
    }
}
