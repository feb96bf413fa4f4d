package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnizeTest {
    @Test
    void padsEveryColumnButTheLastWithTwoSpaceGlue() {
        String out = Columnize.format(List.of(
                List.of("Node", "Address", "Status"),
                List.of("node1", "127.0.0.1:8301", "alive"),
                List.of("n2", "10.0.0.2:8301", "failed")));

        assertThat(out).isEqualTo("""
                Node   Address         Status
                node1  127.0.0.1:8301  alive
                n2     10.0.0.2:8301   failed""");
    }

    @Test
    void trimsCellsAndKeepsPaddingOfEmptyMiddleCells() {
        String out = Columnize.format(List.of(
                List.of("A", "B", "C"),
                List.of(" x ", "", ""),
                List.of("yy", "zzz", "w")));

        assertThat(out.split("\n", -1)).containsExactly(
                "A   B    C",
                "x" + " ".repeat(8),
                "yy  zzz  w");
    }

    @Test
    void countsCodePointsNotChars() {
        String out = Columnize.format(List.of(List.of("\uD83D\uDE00", "b"), List.of("ab", "c")));

        assertThat(out).isEqualTo("\uD83D\uDE00   b\nab  c");
    }
}
