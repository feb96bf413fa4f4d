package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {
    private static final long SECOND = 1_000_000_000L;

    static Stream<Arguments> acceptsGoDurations() {
        return Stream.of(
                Arguments.of("0", 0L),
                Arguments.of("-0", 0L),
                Arguments.of("10m", 600 * SECOND),
                Arguments.of("1h30m", 5400 * SECOND),
                Arguments.of("1.5h", 5400 * SECOND),
                Arguments.of(".5s", SECOND / 2),
                Arguments.of("1.s", SECOND),
                Arguments.of("300ms", 300_000_000L),
                Arguments.of("2us", 2_000L),
                Arguments.of("2\u00b5s", 2_000L),
                Arguments.of("7ns", 7L),
                Arguments.of("-1m", -60 * SECOND),
                Arguments.of("+24h", 86_400 * SECOND),
                Arguments.of("2562047h47m16.854775807s", Long.MAX_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void acceptsGoDurations(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(OptionalLong.of(nanos));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "abc", "10", "1x", "m", ".m", "1..5s", "-", "10M", "2562047h47m16.854775808s", "1h 2m"})
    void rejectsWhatGoRejects(String text) {
        assertThat(GoDuration.parse(text)).isEmpty();
    }
}
