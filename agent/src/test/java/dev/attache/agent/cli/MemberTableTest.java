package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MemberTableTest {
    private static final Pattern ANY = Pattern.compile(".*");

    private static AgentMember server(String name, String addr, int status) {
        return new AgentMember(name, addr, 8301, Map.of("role", "consul", "dc", "dc1", "segment", "",
                "build", "1.21.0:abcdef12", "vsn", "2"), status);
    }

    private static AgentMember client(String name, String addr, int status) {
        return new AgentMember(name, addr, 8301, Map.of("role", "node", "dc", "dc1", "segment", "",
                "build", "1.21.0:abcdef12", "vsn", "2"), status);
    }

    @Test
    void standardTableMatchesConsulsExample() {
        List<AgentMember> shown = MemberTable.prepare(
                List.of(client("node2", "127.0.0.2", 4), server("node1", "127.0.0.1", 1)), "_all", ANY);

        assertThat(Columnize.format(MemberTable.standardRows(shown))).isEqualTo("""
                Node   Address         Status  Type    Build   Protocol  DC   Partition  Segment
                node1  127.0.0.1:8301  alive   server  1.21.0  2         dc1  default    <all>
                node2  127.0.0.2:8301  failed  client  1.21.0  2         dc1  default    <default>""");
    }

    @Test
    void serversComeFirstThenDefaultPartitionThenSegmentThenPartitionThenName() {
        AgentMember c1 = client("a-client", "10.0.0.1", 1);
        AgentMember c2 = client("b-client", "10.0.0.2", 1);
        AgentMember other = client("0-other", "10.0.0.3", 1).withTag("ap", "team");
        AgentMember seg = client("0-seg", "10.0.0.4", 1).withTag("segment", "alpha");
        AgentMember s1 = server("z-server", "10.0.0.5", 1);
        AgentMember s2 = server("y-server", "10.0.0.6", 1);

        List<AgentMember> shown = MemberTable.prepare(List.of(c2, other, s1, seg, c1, s2), "_all", ANY);

        assertThat(shown).extracting(AgentMember::name)
                .containsExactly("y-server", "z-server", "a-client", "b-client", "0-seg", "0-other");
    }

    @Test
    void rewritesPartitionAndSegmentTags() {
        List<AgentMember> all = MemberTable.prepare(List.of(server("s", "10.0.0.1", 1), client("c", "10.0.0.2", 1),
                client("p", "10.0.0.3", 1).withTag("ap", "team").withTag("segment", "x")), "_all", ANY);

        assertThat(all).extracting(m -> m.name() + " ap=" + m.tag("ap") + " segment=" + m.tag("segment"))
                .containsExactly("s ap=default segment=<all>", "c ap=default segment=<default>", "p ap=team segment=");

        List<AgentMember> oneSegment = MemberTable.prepare(List.of(server("s", "10.0.0.1", 1)), "", ANY);
        assertThat(oneSegment.get(0).tag("segment")).isEqualTo("<default>");
    }

    @Test
    void statusRegexIsFoundAnywhereInTheWord() {
        List<AgentMember> members = List.of(server("a", "10.0.0.1", 1), client("b", "10.0.0.2", 3),
                client("c", "10.0.0.3", 4), client("d", "10.0.0.4", 2));

        assertThat(MemberTable.prepare(members, "_all", Pattern.compile("lea|fail")))
                .extracting(AgentMember::name).containsExactly("c", "d");
        assertThat(MemberTable.prepare(members, "_all", Pattern.compile("^left$")))
                .extracting(AgentMember::name).containsExactly("b");
        assertThat(MemberTable.prepare(members, "_all", Pattern.compile("none"))).isEmpty();
    }

    @Test
    void unknownRoleLeavesTheRemainingColumnsEmpty() {
        AgentMember odd = new AgentMember("odd", "10.0.0.9", 7000, Map.of("role", "other", "dc", "dc1"), 1);

        List<List<String>> rows = MemberTable.standardRows(MemberTable.prepare(List.of(odd), "_all", ANY));

        assertThat(rows.get(1)).containsExactly("odd", "10.0.0.9:7000", "alive", "unknown", "", "", "", "", "");
    }

    @Test
    void detailedRowsListRewrittenTagsSortedByKey() {
        AgentMember s = new AgentMember("s", "10.0.0.1", 8301, Map.of("role", "consul", "dc", "dc1", "segment", "",
                "id", "abc"), 1);

        List<List<String>> rows = MemberTable.detailedRows(MemberTable.prepare(List.of(s), "_all", ANY));

        assertThat(rows).containsExactly(List.of("Node", "Address", "Status", "Tags"),
                List.of("s", "10.0.0.1:8301", "alive", "ap=default,dc=dc1,id=abc,role=consul,segment=<all>"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void buildColumn(String tag, String expected) {
        assertThat(MemberTable.build(tag)).isEqualTo(expected);
    }

    static Stream<Arguments> buildColumn() {
        return Stream.of(
                Arguments.of("1.21.0:abcdef12", "1.21.0"),
                Arguments.of("1.22.0-dev:abcdef12:extra", "1.22.0-dev"),
                Arguments.of("0.1.0", "0.1.0"),
                Arguments.of("", "< 0.3"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void statusWords(int code, String word) {
        assertThat(MemberTable.statusWord(code)).isEqualTo(word);
    }

    static Stream<Arguments> statusWords() {
        return Stream.of(Arguments.of(0, "none"), Arguments.of(1, "alive"), Arguments.of(2, "leaving"),
                Arguments.of(3, "left"), Arguments.of(4, "failed"), Arguments.of(9, "unknown"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void addressColumn(String addr, String expected) {
        assertThat(MemberTable.address(addr, 8301)).isEqualTo(expected);
    }

    static Stream<Arguments> addressColumn() {
        return Stream.of(
                Arguments.of("127.0.0.1", "127.0.0.1:8301"),
                Arguments.of("::1", "[::1]:8301"),
                Arguments.of("2001:DB8:0:0:0:0:0:1", "[2001:db8::1]:8301"),
                Arguments.of("2001:db8:0:0:1:0:0:1", "[2001:db8::1:0:0:1]:8301"),
                Arguments.of("::ffff:10.1.2.3", "10.1.2.3:8301"),
                Arguments.of("1:0:2:3:4:5:6:7", "[1:0:2:3:4:5:6:7]:8301"),
                Arguments.of("not-an-ip", ":8301"),
                Arguments.of("127.0.0.01", ":8301"),
                Arguments.of("256.0.0.1", ":8301"),
                Arguments.of("", ":8301"));
    }
}
