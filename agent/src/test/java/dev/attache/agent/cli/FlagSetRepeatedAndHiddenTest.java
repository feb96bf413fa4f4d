package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Repeatable flags (Consul's {@code AppendSliceValue}) and deprecated flags kept out of the help. */
class FlagSetRepeatedAndHiddenTest {
    private static FlagSet flags() {
        FlagSet f = new FlagSet();
        f.strings("policy-id", FlagSet.Section.COMMAND, "A policy.");
        f.string("id", FlagSet.Section.HIDDEN, "", "string", "Deprecated.");
        return f;
    }

    @Test
    void repeatedFlagKeepsEveryValueInOrder() throws Exception {
        FlagSet f = flags();
        f.parse(List.of("-policy-id", "a", "-policy-id=b", "--policy-id", "a", "rest"));

        assertThat(f.values("policy-id")).containsExactly("a", "b", "a");
        assertThat(f.isSet("policy-id")).isTrue();
        assertThat(f.args()).containsExactly("rest");
    }

    @Test
    void repeatedFlagNotGivenHasNoValues() throws Exception {
        FlagSet f = flags();
        f.parse(List.of());

        assertThat(f.values("policy-id")).isEmpty();
        assertThat(f.isSet("policy-id")).isFalse();
    }

    @Test
    void hiddenFlagParsesButIsNotInTheHelp() throws Exception {
        FlagSet f = flags();
        f.parse(List.of("-id", "x"));

        assertThat(f.value("id")).isEqualTo("x");
        assertThat(f.usage("Usage: t")).isEqualTo("Usage: t\n\nCommand Options\n\n  -policy-id=<value>\n     A policy.");
    }
}
