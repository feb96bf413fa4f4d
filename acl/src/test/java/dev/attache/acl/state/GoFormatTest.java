package dev.attache.acl.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoFormatTest {

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of(Named.of("zero", Duration.ZERO), "0s"),
                Arguments.of(Named.of("nanoseconds", Duration.ofNanos(7)), "7ns"),
                Arguments.of(Named.of("microseconds", Duration.ofNanos(1_500)), "1.5\u00b5s"),
                Arguments.of(Named.of("milliseconds", Duration.ofMillis(250)), "250ms"),
                Arguments.of(Named.of("fractional milliseconds", Duration.ofNanos(1_234_567)), "1.234567ms"),
                Arguments.of(Named.of("seconds", Duration.ofSeconds(30)), "30s"),
                Arguments.of(Named.of("fractional seconds", Duration.ofMillis(59_999)), "59.999s"),
                Arguments.of(Named.of("one minute", Duration.ofMinutes(1)), "1m0s"),
                Arguments.of(Named.of("negative minute", Duration.ofMinutes(-1)), "-1m0s"),
                Arguments.of(Named.of("minutes and seconds", Duration.ofSeconds(90)), "1m30s"),
                Arguments.of(Named.of("one hour", Duration.ofHours(1)), "1h0m0s"),
                Arguments.of(Named.of("hours with nanos", Duration.ofHours(26).plusNanos(1)), "26h0m0.000000001s"),
                Arguments.of(Named.of("saturates at int64", Duration.ofDays(400 * 365)), "2562047h47m16.854775807s"),
                Arguments.of(Named.of("saturates negative", Duration.ofDays(-400 * 365)), "-2562047h47m16.854775808s"));
    }

    @ParameterizedTest
    @MethodSource("durations")
    void durationPrintsLikeGo(Duration d, String expected) {
        assertThat(GoFormat.duration(d)).isEqualTo(expected);
    }

    static Stream<Arguments> quotes() {
        return Stream.of(
                Arguments.of(Named.of("plain", "node-read"), "\"node-read\""),
                Arguments.of(Named.of("quote and backslash", "a\"b\\c"), "\"a\\\"b\\\\c\""),
                Arguments.of(Named.of("control characters", "a\nb\tc\u0001"), "\"a\\nb\\tc\\x01\""),
                Arguments.of(Named.of("printable unicode", "caf\u00e9"), "\"caf\u00e9\""),
                Arguments.of(Named.of("unprintable unicode", "a\u200bb"), "\"a\\u200bb\""),
                Arguments.of(Named.of("empty", ""), "\"\""));
    }

    @ParameterizedTest
    @MethodSource("quotes")
    void quoteEscapesLikeGo(String s, String expected) {
        assertThat(GoFormat.quote(s)).isEqualTo(expected);
    }
}
