package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.agent.Agent;
import dev.attache.api.BuildInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code attache members} against a real agent (consul-behavior.md §11.2). */
class MembersCommandTest {
    private static Agent agent;

    @BeforeAll
    static void start() {
        agent = CliRun.startDevAgent("cli-1");
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private static CliRun members(Map<String, String> env, String... args) {
        return CliRun.run(MembersCommand::new, env, args);
    }

    @Test
    void printsHeaderAndTheAgentsRow() {
        CliRun run = members(CliRun.envFor(agent));

        String build = MemberTable.build(BuildInfo.current().buildTag());
        String expected = Columnize.format(List.of(
                List.of("Node", "Address", "Status", "Type", "Build", "Protocol", "DC", "Partition", "Segment"),
                List.of("cli-1", "127.0.0.1:" + agent.serfLanPort(), "alive", "server", build, "2",
                        agent.config().datacenter(), "default", "<all>")));
        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out()).isEqualTo(expected + "\n");
        assertThat(run.out()).startsWith("Node   Address");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void detailedListsEveryTagSortedWithRewrites() {
        CliRun run = members(CliRun.envFor(agent), "-detailed");

        assertThat(run.exit()).as("%s", run).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("Node +Address +Status +Tags");
        String[] cells = lines[1].split(" {2,}");
        assertThat(cells).hasSize(4);
        assertThat(cells[0]).isEqualTo("cli-1");
        assertThat(cells[2]).isEqualTo("alive");
        List<String> pairs = Arrays.asList(cells[3].split(","));
        assertThat(pairs).contains("ap=default", "role=consul", "segment=<all>", "vsn=2", "dc=" + agent.config().datacenter());
        assertThat(pairs.stream().map(p -> p.substring(0, p.indexOf('='))).toList()).isSorted();
    }

    @Test
    void statusWithNoMatchExitsTwoSilently() {
        CliRun run = members(CliRun.envFor(agent), "-status=failed|left");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void statusMatchingKeepsTheRow() {
        CliRun run = members(CliRun.envFor(agent), "-status", "^ali");

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out()).contains("cli-1");
    }

    @Test
    void badStatusRegexIsAnError() {
        CliRun run = members(CliRun.envFor(agent), "-status=(");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("Failed to compile status regexp: ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void wanListsTheServerByNodeDotDatacenter() {
        CliRun run = members(CliRun.envFor(agent), "-wan");

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out().split("\n")[1]).startsWith("cli-1." + agent.config().datacenter() + "  ")
                .contains(" server ");
    }

    @Test
    void httpAddrFlagBeatsTheEnvironment() {
        Map<String, String> deadEnv = Map.of(HttpFlags.ADDR_ENV, "127.0.0.1:" + CliRun.closedPort());

        CliRun run = members(deadEnv, "-http-addr", agent.httpAddress());

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out()).contains("cli-1");
    }

    @Test
    void httpAddrWithoutSchemeWorks() {
        CliRun run = members(Map.of(), "-http-addr=127.0.0.1:" + agent.httpPort());

        assertThat(run.exit()).as("%s", run).isZero();
    }

    @Test
    void connectionRefusedIsOneErrorLine() {
        int port = CliRun.closedPort();

        CliRun run = members(Map.of(HttpFlags.ADDR_ENV, "http://127.0.0.1:" + port));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("Error retrieving members: Get \"http://127.0.0.1:" + port
                + "/v1/agent/members?segment=_all\": dial tcp 127.0.0.1:" + port + ": connect: connection refused\n");
    }

    @Test
    void httpErrorsShowStatusAndTrimmedBody() {
        CliRun run = members(CliRun.envFor(agent), "-wan", "-segment=alpha");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(
                "Error retrieving members: Unexpected response code: 400 (Cannot provide a segment with wan=true)\n");
    }

    @Test
    void unknownFlagPrintsGosErrorAndTheHelp() {
        CliRun run = members(CliRun.envFor(agent), "-nope");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("flag provided but not defined: -nope\nUsage: attache members [options]\n");
    }

    @Test
    void helpGoesToStandardOutput() {
        CliRun run = members(Map.of(), "-h");

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("Usage: attache members [options]\n\n  Outputs the members")
                .contains("HTTP API Options\n\n  -http-addr=<address>\n")
                .contains("  -token-file=<value>\n")
                .contains("Command Options\n\n  -detailed\n")
                .contains("  -status=<string>\n")
                .endsWith("\n");
    }
}
