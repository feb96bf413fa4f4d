package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ACL commands refusing their arguments before any request: the environment points at a port nothing listens
 * on, so a request would show up as a connection error instead of the expected message.
 */
class AclArgumentErrorsTest {
    private static final Map<String, String> NOWHERE = Map.of(HttpFlags.ADDR_ENV, "127.0.0.1:" + CliRun.closedPort());

    @TempDir
    Path dir;

    private static CliRun run(Function<CommandContext, AgentCommand> command, String... args) {
        return CliRun.run(command, NOWHERE, args);
    }

    static Stream<Arguments> refusedWithConsulsMessage() {
        Function<CommandContext, AgentCommand> setToken = AclSetAgentTokenCommand::new;
        Function<CommandContext, AgentCommand> tokenCreate = AclTokenCreateCommand::new;
        return Stream.of(
                Arguments.of("set-agent-token, no args", setToken, new String[] {},
                        "Error! Missing TYPE and TOKEN arguments"),
                Arguments.of("set-agent-token, type only", setToken, new String[] {"agent"},
                        "Error! Missing TOKEN argument"),
                Arguments.of("set-agent-token, unknown word only", setToken, new String[] {"dns"},
                        "Error! MISSING TYPE argument"),
                Arguments.of("set-agent-token, three args", setToken, new String[] {"agent", "a", "b"},
                        "Error! Too many arguments: expected 2 got 3"),
                Arguments.of("set-agent-token, unknown type", setToken, new String[] {"master", "t"},
                        "Unknown token type"),
                Arguments.of("token create without links", tokenCreate, new String[] {"-description", "x"},
                        "Cannot create a token without specifying -policy-name, -policy-id, -service-identity, "
                                + "or -node-identity at least once"),
                Arguments.of("token create, bad service identity", tokenCreate,
                        new String[] {"-service-identity", "web:dc1:dc2"},
                        "Malformed -service-identity argument: \"web:dc1:dc2\""),
                Arguments.of("token create, bad node identity", tokenCreate, new String[] {"-node-identity", "n1"},
                        "Malformed -node-identity argument: \"n1\""),
                Arguments.of("token list, unknown format", (Function<CommandContext, AgentCommand>)
                        AclTokenListCommand::new, new String[] {"-format", "yaml"}, "Unknown format: yaml"),
                Arguments.of("token read without accessor", (Function<CommandContext, AgentCommand>)
                        AclTokenReadCommand::new, new String[] {}, "Must specify the -accessor-id parameter"),
                Arguments.of("token read -self -expanded", (Function<CommandContext, AgentCommand>)
                        AclTokenReadCommand::new, new String[] {"-self", "-expanded"},
                        "Cannot use both -expanded and -self. Instead, use -expanded and -accessor-id=<accessor id>."),
                Arguments.of("token update without accessor", (Function<CommandContext, AgentCommand>)
                        AclTokenUpdateCommand::new, new String[] {"-description", "d"},
                        "Cannot update a token without specifying the -accessor-id parameter"),
                Arguments.of("token clone without accessor", (Function<CommandContext, AgentCommand>)
                        AclTokenCloneCommand::new, new String[] {},
                        "Cannot update a token without specifying the -accessor-id parameter"),
                Arguments.of("token delete without accessor", (Function<CommandContext, AgentCommand>)
                        AclTokenDeleteCommand::new, new String[] {}, "Must specify the -accessor-id parameter"),
                Arguments.of("policy read without id or name", (Function<CommandContext, AgentCommand>)
                        AclPolicyReadCommand::new, new String[] {"-meta"},
                        "Must specify either the -id or -name parameters"),
                Arguments.of("policy update without id or name", (Function<CommandContext, AgentCommand>)
                        AclPolicyUpdateCommand::new, new String[] {"-description", "d"},
                        "Must specify either the -id or -name parameters"),
                Arguments.of("policy delete without id or name", (Function<CommandContext, AgentCommand>)
                        AclPolicyDeleteCommand::new, new String[] {},
                        "Must specify either the -id or -name parameters"),
                Arguments.of("bootstrap with two args", (Function<CommandContext, AgentCommand>)
                        AclBootstrapCommand::new, new String[] {"a", "b"}, "This command takes up to one argument"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refusedWithConsulsMessage(String name, Function<CommandContext, AgentCommand> command, String[] args,
            String message) {
        CliRun run = run(command, args);

        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(message + "\n");
    }

    @Test
    void badExpiresTtlIsAFlagErrorWithHelp() {
        CliRun run = run(AclTokenCreateCommand::new, "-policy-name", "p", "-expires-ttl", "ten minutes");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("invalid value \"ten minutes\" for flag -expires-ttl: parse error\n"
                + "Usage: attache acl token create [options]\n");
    }

    @Test
    void rolesAndTemplatedPoliciesAreNotFlagsHere() {
        CliRun run = run(AclTokenCreateCommand::new, "-role-name", "ops");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("flag provided but not defined: -role-name\n");
    }

    @Test
    void policyCreateWithoutNamePrintsTheHelpAsAnError() {
        CliRun run = run(AclPolicyCreateCommand::new, "-rules", "acl = \"read\"");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("Missing required '-name' flag\nUsage: attache acl policy create -name NAME");
    }

    @Test
    void unreadableRulesFileIsAnError() {
        String missing = dir.resolve("missing.hcl").toString();

        CliRun run = run(ctx -> new AclPolicyCreateCommand(ctx, new ByteArrayInputStream(new byte[0])),
                "-name", "p", "-rules", "@" + missing);

        assertThat(run.err()).isEqualTo("Error loading rules: Failed to read file: open " + missing
                + ": no such file or directory\n");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void unreadableBootstrapSecretFileIsAnError() {
        String missing = dir.resolve("secret").toString();

        CliRun run = run(AclBootstrapCommand::new, missing);

        assertThat(run.err()).isEqualTo("Error reading provided token: Failed to read file: open " + missing
                + ": no such file or directory\n");
    }

    @Test
    void helpListsServerFlagsWithTheHttpOnesAndHidesDeprecatedFlags() {
        CliRun run = run(AclTokenReadCommand::new, "-h");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("HTTP API Options\n\n  -datacenter=<value>\n", "\n  -stale\n",
                "Command Options\n\n  -accessor-id=<string>\n", "\n  -format=<string>\n     Output format {pretty|json}\n")
                .doesNotContain("  -id=");
    }
}
