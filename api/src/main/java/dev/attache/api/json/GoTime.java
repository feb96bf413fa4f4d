package dev.attache.api.json;

import dev.attache.acl.state.GoFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Times as Go's {@code encoding/json} writes and reads them: RFC 3339 with nanoseconds (trailing zeros dropped) and
 * the local offset ({@code 2018-10-24T12:25:06.921933-04:00}, {@code Z} at offset zero), and the strict RFC 3339
 * parse of {@code time.Time.UnmarshalJSON} with Go's {@code parsing time ...} errors.
 */
public final class GoTime {
    private static final String LAYOUT = "2006-01-02T15:04:05Z07:00";
    private static final DateTimeFormatter RFC3339_NANO = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    private GoTime() {
    }

    /** Go's {@code time.RFC3339Nano} of {@code t} in this JVM's zone, as Consul prints times. */
    public static String format(Instant t) {
        return format(t, ZoneId.systemDefault());
    }

    static String format(Instant t, ZoneId zone) {
        return RFC3339_NANO.format(t.atZone(zone));
    }

    /** Parses an RFC 3339 time; {@link IllegalArgumentException} with Go's message when it is not one. */
    public static Instant parse(String value) {
        return new Parser(value).parse();
    }

    /** Go's {@code time.Parse(time.RFC3339, v)} element by element, so that errors name the failing element. */
    private static final class Parser {
        private final String value;
        private String rest;

        Parser(String value) {
            this.value = value;
            this.rest = value;
        }

        Instant parse() {
            int year = number("2006", 4, true);
            literal("-");
            int month = number("01", 2, true);
            range(month >= 1 && month <= 12, "month");
            literal("-");
            int day = number("02", 2, true);
            literal("T");
            if (rest.length() >= 2 && rest.charAt(1) == ':') {
                throw cannotParse(rest.substring(0, 1), "15"); // RFC 3339 wants two hour digits
            }
            int hour = number("15", 2, false);
            range(hour < 24, "hour");
            literal(":");
            int minute = number("04", 2, true);
            range(minute < 60, "minute");
            literal(":");
            int second = number("05", 2, true);
            range(second < 60, "second");
            int nanos = fraction();
            ZoneOffset offset = zone();
            if (!rest.isEmpty()) {
                throw new IllegalArgumentException("parsing time " + GoFormat.quote(value) + ": extra text: "
                        + GoFormat.quote(rest));
            }
            try {
                return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(offset);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("parsing time " + GoFormat.quote(value) + ": day out of range");
            }
        }

        private int number(String element, int digits, boolean fixed) {
            int n = 0;
            while (n < digits && n < rest.length() && isAsciiDigit(rest.charAt(n))) {
                n++;
            }
            if (n == 0 || (fixed && n < digits)) {
                throw cannotParse(rest, element);
            }
            int v = Integer.parseInt(rest.substring(0, n));
            rest = rest.substring(n);
            return v;
        }

        private void literal(String element) {
            if (!rest.startsWith(element)) {
                throw cannotParse(rest, element);
            }
            rest = rest.substring(element.length());
        }

        private void range(boolean ok, String what) {
            if (!ok) {
                throw new IllegalArgumentException("parsing time " + GoFormat.quote(value) + ": " + what
                        + " out of range");
            }
        }

        /** An optional {@code .digits}: Go reads up to nine digits and ignores the rest. */
        private int fraction() {
            if (rest.length() < 2 || rest.charAt(0) != '.' || !isAsciiDigit(rest.charAt(1))) {
                if (rest.startsWith(",")) {
                    throw cannotParse(",", ".");
                }
                return 0;
            }
            int n = 1;
            while (n < rest.length() && isAsciiDigit(rest.charAt(n))) {
                n++;
            }
            String digits = rest.substring(1, Math.min(n, 10));
            rest = rest.substring(n);
            return Integer.parseInt((digits + "000000000").substring(0, 9));
        }

        private ZoneOffset zone() {
            if (rest.startsWith("Z")) {
                rest = rest.substring(1);
                return ZoneOffset.UTC;
            }
            String hold = rest;
            if (rest.length() < 6 || rest.charAt(3) != ':' || (rest.charAt(0) != '+' && rest.charAt(0) != '-')
                    || !allDigits(rest.substring(1, 3)) || !allDigits(rest.substring(4, 6))) {
                throw cannotParse(hold, "Z07:00");
            }
            int h = Integer.parseInt(rest.substring(1, 3));
            int m = Integer.parseInt(rest.substring(4, 6));
            if (h >= 24) {
                throw new IllegalArgumentException("parsing time " + GoFormat.quote(value)
                        + ": timezone hour out of range");
            }
            if (m >= 60) {
                throw new IllegalArgumentException("parsing time " + GoFormat.quote(value)
                        + ": timezone minute out of range");
            }
            int seconds = (h * 60 + m) * 60;
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(rest.charAt(0) == '-' ? -seconds : seconds);
            rest = rest.substring(6);
            return offset;
        }

        private IllegalArgumentException cannotParse(String valueElem, String layoutElem) {
            return new IllegalArgumentException("parsing time " + GoFormat.quote(value) + " as "
                    + GoFormat.quote(LAYOUT) + ": cannot parse " + GoFormat.quote(valueElem) + " as "
                    + GoFormat.quote(layoutElem));
        }

        private static boolean allDigits(String s) {
            return s.chars().allMatch(c -> c >= '0' && c <= '9');
        }

        private static boolean isAsciiDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
