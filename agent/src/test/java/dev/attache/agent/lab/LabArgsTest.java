package dev.attache.agent.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LabArgsTest {

    @Test
    void upTakesCountsInEitherFlagFormAndDefaultsTheDirectory() {
        LabArgs a = LabArgs.parse(List.of("up", "--dcs", "2", "-servers=3", "--clients=5", "--no-netns"));
        LabUp.Spec spec = LabUp.Spec.from(a);

        assertThat(a.dir()).isEqualTo(Path.of(".attache-lab"));
        assertThat(spec).isEqualTo(new LabUp.Spec(2, 3, 5, "fast", true));
        assertThat(spec.nodes().stream().map(n -> n[0]).toList()).containsExactly(
                "dc1-s1", "dc1-s2", "dc1-s3", "dc1-c1", "dc1-c2", "dc1-c3", "dc1-c4", "dc1-c5",
                "dc2-s1", "dc2-s2", "dc2-s3", "dc2-c1", "dc2-c2", "dc2-c3", "dc2-c4", "dc2-c5");
    }

    @Test
    void dirMayComeAnywhere() {
        assertThat(LabArgs.parse(List.of("kill", "--dir", "/tmp/x", "dc1-c1")).dir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(LabArgs.parse(List.of("kill", "dc1-c1", "--dir=/tmp/y")).positional()).containsExactly("dc1-c1");
    }

    @Test
    void partitionGroupsAreCommaSeparated() {
        LabArgs a = LabArgs.parse(List.of("partition", "dc1-s1,dc1-c1", "dc1-c2"));
        assertThat(a.groups()).containsExactly(List.of("dc1-s1", "dc1-c1"), List.of("dc1-c2"));
    }

    @Test
    void lossTakesAPercentWithOrWithoutTheSign() {
        LabArgs a = LabArgs.parse(List.of("loss", "dc1-c1", "12.5%"));
        assertThat(a.percent(a.positional().get(1))).isEqualTo(12.5);
        assertThat(a.percent("0")).isZero();
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("unknown flag", List.of("up", "--nodes", "3"), 2, "flag provided but not defined: --nodes"),
                Arguments.of("missing value", List.of("up", "--dcs"), 2, "flag needs an argument: --dcs"),
                Arguments.of("switch with value", List.of("up", "--no-netns=1"), 2, "flag --no-netns takes no value"),
                Arguments.of("zero dcs", List.of("up", "--dcs", "0"), 1, "--dcs must be at least 1, got 0"),
                Arguments.of("zero servers", List.of("up", "--servers=0"), 1, "--servers must be at least 1, got 0"),
                Arguments.of("negative clients", List.of("up", "--clients", "-1"), 1,
                        "--clients must be at least 0, got -1"),
                Arguments.of("not a number", List.of("up", "--dcs", "two"), 1, "--dcs must be a whole number, got \"two\""),
                Arguments.of("too many", List.of("up", "--dcs", "11", "--servers", "10"), 1,
                        "a lab holds at most 100 agents; 11 × (10 + 0) is 110"),
                Arguments.of("bad gossip", List.of("up", "--gossip", "wan"), 1, "--gossip must be fast or lan, got \"wan\""),
                Arguments.of("positional on up", List.of("up", "extra"), 2, "usage: attache lab up"),
                Arguments.of("flag of another command", List.of("up", "--purge"), 2,
                        "flag --purge does not apply to 'lab up'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    void badLinesAreOneLineErrorsWithTheirExitCode(String name, List<String> args, int exit, String message) {
        assertThatThrownBy(() -> LabUp.Spec.from(LabArgs.parse(args)))
                .isInstanceOfSatisfying(LabException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(exit);
                    assertThat(e.getMessage()).startsWith(message).doesNotContain("\n");
                });
    }

    @Test
    void partitionRefusesOneGroupAndANodeTwice() {
        assertThatThrownBy(() -> LabArgs.parse(List.of("partition", "a,b")).groups())
                .hasMessageStartingWith("usage: attache lab partition");
        assertThatThrownBy(() -> LabArgs.parse(List.of("partition", "a,b", "b")).groups())
                .hasMessage("node b is in more than one partition group");
        assertThatThrownBy(() -> LabArgs.parse(List.of("partition", "a,", "b")).groups())
                .hasMessage("empty node name in partition group \"a,\"");
    }

    @Test
    void percentOutOfRangeIsRefused() {
        LabArgs a = LabArgs.parse(List.of("loss", "n", "101"));
        assertThatThrownBy(() -> a.percent("101")).hasMessage("PERCENT must be a number from 0 to 100, got \"101\"");
        assertThatThrownBy(() -> a.percent("lots")).hasMessage("PERCENT must be a number from 0 to 100, got \"lots\"");
    }
}
