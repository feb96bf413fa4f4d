package dev.attache.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases from Go's own {@code time.ParseDuration} tests. */
class GoDurationTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("0", 0L),
                Arguments.of("+0", 0L),
                Arguments.of("-0", 0L),
                Arguments.of("5s", 5_000_000_000L),
                Arguments.of("30s", 30_000_000_000L),
                Arguments.of("1478s", 1_478_000_000_000L),
                Arguments.of("-5s", -5_000_000_000L),
                Arguments.of("+5s", 5_000_000_000L),
                Arguments.of("5.0s", 5_000_000_000L),
                Arguments.of("5.6s", 5_600_000_000L),
                Arguments.of("5.s", 5_000_000_000L),
                Arguments.of(".5s", 500_000_000L),
                Arguments.of("1.004s", 1_004_000_000L),
                Arguments.of("100.00100s", 100_001_000_000L),
                Arguments.of("10ns", 10L),
                Arguments.of("11us", 11_000L),
                Arguments.of("12\u00b5s", 12_000L),
                Arguments.of("12\u03bcs", 12_000L),
                Arguments.of("13ms", 13_000_000L),
                Arguments.of("15m", 900_000_000_000L),
                Arguments.of("16h", 57_600_000_000_000L),
                Arguments.of("3h30m", 12_600_000_000_000L),
                Arguments.of("10.5s4m", 250_500_000_000L),
                Arguments.of("-2m3.4s", -123_400_000_000L),
                Arguments.of("1h2m3s4ms5us6ns", 3_723_004_005_006L),
                Arguments.of("39h9m14.425s", 140_954_425_000_000L),
                Arguments.of("52763797000ns", 52_763_797_000L),
                Arguments.of("0.3333333333333333333h", 1_200_000_000_000L),
                Arguments.of("9223372036854775807ns", Long.MAX_VALUE),
                Arguments.of("-9223372036854775808ns", Long.MIN_VALUE),
                Arguments.of("0.100000000000000000000h", 360_000_000_000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesWhatGoParses(String text, long nanos) {
        assertThat(GoDuration.parseNanos(text)).isEqualTo(nanos);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("", "time: invalid duration \"\""),
                Arguments.of("3", "time: missing unit in duration \"3\""),
                Arguments.of("-", "time: invalid duration \"-\""),
                Arguments.of("s", "time: invalid duration \"s\""),
                Arguments.of(".", "time: invalid duration \".\""),
                Arguments.of("-.", "time: invalid duration \"-.\""),
                Arguments.of(".s", "time: invalid duration \".s\""),
                Arguments.of("+.s", "time: invalid duration \"+.s\""),
                Arguments.of("abc", "time: invalid duration \"abc\""),
                Arguments.of("1d", "time: unknown unit \"d\" in duration \"1d\""),
                Arguments.of("9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\""),
                Arguments.of("9223372036854775.808us", "time: invalid duration \"9223372036854775.808us\""),
                Arguments.of("9223372036854ms775us808ns",
                        "time: invalid duration \"9223372036854ms775us808ns\""));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("invalid")
    void refusesWithGosMessage(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void durationFormMatchesNanos() {
        assertThat(GoDuration.parse("1m30s")).hasSeconds(90);
    }
}
