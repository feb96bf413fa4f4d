package dev.attache.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoTimeTest {
    private static final Instant T = Instant.parse("2018-10-24T16:25:06.921933Z");

    @Test
    void formatsRfc3339NanoWithTheZonesOffsetAndTrimmedFraction() {
        assertThat(GoTime.format(T, ZoneId.of("America/New_York"))).isEqualTo("2018-10-24T12:25:06.921933-04:00");
        assertThat(GoTime.format(T, ZoneOffset.UTC)).isEqualTo("2018-10-24T16:25:06.921933Z");
        assertThat(GoTime.format(Instant.parse("2018-10-24T16:25:06.000000001Z"), ZoneOffset.UTC))
                .isEqualTo("2018-10-24T16:25:06.000000001Z");
        assertThat(GoTime.format(Instant.parse("2018-10-24T16:25:06Z"), ZoneOffset.ofHoursMinutes(5, 30)))
                .isEqualTo("2018-10-24T21:55:06+05:30");
        assertThat(GoTime.format(T)).isEqualTo(GoTime.format(T, ZoneId.systemDefault()));
    }

    @Test
    void parsesWhatItFormats() {
        assertThat(GoTime.parse("2018-10-24T12:25:06.921933-04:00")).isEqualTo(T);
        assertThat(GoTime.parse("2018-10-24T16:25:06.921933Z")).isEqualTo(T);
        assertThat(GoTime.parse("2018-10-24T16:25:06.9219330001Z")).isEqualTo(T); // Go keeps nine digits
        assertThat(GoTime.parse("0001-01-01T00:00:00Z")).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    }

    static Stream<Arguments> invalid() {
        String layout = " as \"2006-01-02T15:04:05Z07:00\": cannot parse ";
        return Stream.of(
                Arguments.of("tomorrow", "parsing time \"tomorrow\"" + layout + "\"tomorrow\" as \"2006\""),
                Arguments.of("2018-10-24", "parsing time \"2018-10-24\"" + layout + "\"\" as \"T\""),
                Arguments.of("2018-10-24 12:00:00Z", "parsing time \"2018-10-24 12:00:00Z\"" + layout
                        + "\" 12:00:00Z\" as \"T\""),
                Arguments.of("2018-13-24T12:00:00Z", "parsing time \"2018-13-24T12:00:00Z\": month out of range"),
                Arguments.of("2018-02-30T12:00:00Z", "parsing time \"2018-02-30T12:00:00Z\": day out of range"),
                Arguments.of("2018-10-24T25:00:00Z", "parsing time \"2018-10-24T25:00:00Z\": hour out of range"),
                Arguments.of("2018-10-24T1:00:00Z", "parsing time \"2018-10-24T1:00:00Z\"" + layout
                        + "\"1\" as \"15\""),
                Arguments.of("2018-10-24T12:00:00", "parsing time \"2018-10-24T12:00:00\"" + layout
                        + "\"\" as \"Z07:00\""),
                Arguments.of("2018-10-24T12:00:00+25:00",
                        "parsing time \"2018-10-24T12:00:00+25:00\": timezone hour out of range"),
                Arguments.of("2018-10-24T12:00:00Zjunk",
                        "parsing time \"2018-10-24T12:00:00Zjunk\": extra text: \"junk\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesWithGosMessage(String text, String message) {
        assertThatThrownBy(() -> GoTime.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
