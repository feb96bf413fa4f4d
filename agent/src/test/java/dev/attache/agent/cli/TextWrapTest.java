package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextWrapTest {
    @Test
    void shortTextStaysOnOneLine() {
        assertThat(TextWrap.wrap("Filter to use with the request", 67)).containsExactly("Filter to use with the request");
    }

    @Test
    void minimisesRaggednessRatherThanFillingGreedily() {
        // Greedy filling gives "aaa bb" / "cc" / "ddddd"; minimal raggedness evens the first two lines.
        assertThat(TextWrap.wrap("aaa bb cc ddddd", 6)).containsExactly("aaa", "bb cc", "ddddd");
    }

    @Test
    void aWordLongerThanTheLimitGetsItsOwnLine() {
        assertThat(TextWrap.wrap("a verylongword b", 5)).containsExactly("a", "verylongword", "b");
    }

    @Test
    void indentsEveryLine() {
        assertThat(TextWrap.indented("aaa bb cc ddddd", 66)).isEqualTo(
                " ".repeat(66) + "aaa\n" + " ".repeat(66) + "bb cc\n" + " ".repeat(66) + "ddddd");
    }
}
