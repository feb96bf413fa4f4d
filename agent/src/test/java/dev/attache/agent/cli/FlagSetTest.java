package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlagSetTest {
    private static FlagSet flags() {
        FlagSet f = new FlagSet();
        f.bool("wan", FlagSet.Section.COMMAND, "WAN pool.");
        f.string("status", FlagSet.Section.COMMAND, ".*", "string", "Status regexp.");
        f.string("http-addr", FlagSet.Section.HTTP, "", "value", "The `address` of the agent.");
        return f;
    }

    @Test
    void acceptsGoSpellings() throws Exception {
        FlagSet f = flags();
        f.parse(List.of("--wan", "-status", "alive", "--http-addr=h:1", "rest", "-wan=false"));

        assertThat(f.isTrue("wan")).isTrue();
        assertThat(f.value("status")).isEqualTo("alive");
        assertThat(f.value("http-addr")).isEqualTo("h:1");
        assertThat(f.args()).containsExactly("rest", "-wan=false");
    }

    @Test
    void defaultsApplyAndUnsetFlagsAreKnownUnset() throws Exception {
        FlagSet f = flags();
        f.parse(List.of());

        assertThat(f.isTrue("wan")).isFalse();
        assertThat(f.value("status")).isEqualTo(".*");
        assertThat(f.isSet("status")).isFalse();
    }

    @Test
    void boolFlagsTakeGoBoolValuesOnlyAfterAnEqualsSign() throws Exception {
        FlagSet f = flags();
        f.parse(List.of("-wan=T", "false"));
        assertThat(f.isTrue("wan")).isTrue();
        assertThat(f.args()).containsExactly("false");

        FlagSet g = flags();
        g.parse(List.of("-wan=0"));
        assertThat(g.isTrue("wan")).isFalse();
        assertThat(g.isSet("wan")).isTrue();
    }

    @Test
    void doubleDashEndsFlagsAndLoneDashIsAnArgument() throws Exception {
        FlagSet f = flags();
        f.parse(List.of("-wan", "--", "-status"));
        assertThat(f.args()).containsExactly("-status");

        FlagSet g = flags();
        g.parse(List.of("-", "-wan"));
        assertThat(g.args()).containsExactly("-", "-wan");
        assertThat(g.isTrue("wan")).isFalse();
    }

    @Test
    void stringFlagTakesTheNextArgumentEvenIfItLooksLikeAFlag() throws Exception {
        FlagSet f = flags();
        f.parse(List.of("-status", "-wan"));
        assertThat(f.value("status")).isEqualTo("-wan");
        assertThat(f.isTrue("wan")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void rejectsWithGosMessages(List<String> args, String message) {
        assertThatThrownBy(() -> flags().parse(args)).isInstanceOf(FlagSet.FlagException.class).hasMessage(message);
    }

    static Stream<Arguments> rejectsWithGosMessages() {
        return Stream.of(
                Arguments.of(List.of("-nope"), "flag provided but not defined: -nope"),
                Arguments.of(List.of("--nope=1"), "flag provided but not defined: -nope"),
                Arguments.of(List.of("-status"), "flag needs an argument: -status"),
                Arguments.of(List.of("-wan=yes"), "invalid boolean value \"yes\" for -wan: parse error"),
                Arguments.of(List.of("---wan"), "bad flag syntax: ---wan"),
                Arguments.of(List.of("-=x"), "bad flag syntax: -=x"));
    }

    @Test
    void helpIsAskedAnywhereBeforeDoubleDash() {
        assertThat(FlagSet.wantsHelp(List.of("-wan", "x", "-h"))).isTrue();
        assertThat(FlagSet.wantsHelp(List.of("--help"))).isTrue();
        assertThat(FlagSet.wantsHelp(List.of("-help"))).isTrue();
        assertThat(FlagSet.wantsHelp(List.of("--", "-h"))).isFalse();
        assertThat(FlagSet.wantsHelp(List.of("-hh"))).isFalse();
    }

    @Test
    void usageListsHttpOptionsThenCommandOptionsSortedAndWrapped() {
        FlagSet f = flags();
        f.bool("detailed", FlagSet.Section.COMMAND, "Provides detailed information about nodes.");
        f.string("long", FlagSet.Section.COMMAND, "", "string", "word ".repeat(30));

        String usage = f.usage("\nUsage: attache thing [options]\n\n  Does a thing.\n");

        assertThat(usage).startsWith("""
                Usage: attache thing [options]

                  Does a thing.

                HTTP API Options

                  -http-addr=<address>
                     The `address` of the agent.

                Command Options

                  -detailed
                     Provides detailed information about nodes.""");
        assertThat(usage).contains("  -status=<string>\n     Status regexp.\n\n  -wan\n     WAN pool.");
        assertThat(usage).endsWith("WAN pool.");
        assertThat(usage).contains("  -long=<string>\n     word word");
        assertThat(usage.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(72));
    }
}
