package dev.attache.agent.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Go's {@code time.ParseDuration}, which a Go {@code flag.Duration} uses: a sign, then one or more decimal numbers
 * each with a unit ({@code ns us µs ms s m h}), such as {@code 10m}, {@code 1.5h} or {@code 2h45m}; a lone
 * {@code 0} needs no unit. The result is in nanoseconds, Go's {@code time.Duration}.
 */
final class GoDuration {
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN_MAGNITUDE = MAX.add(BigInteger.ONE);

    private GoDuration() {
    }

    /** The duration in nanoseconds, or empty when Go would reject the text. */
    static OptionalLong parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return OptionalLong.of(0);
        }
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        BigInteger total = BigInteger.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && numeric(s.charAt(i))) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                return OptionalLong.empty();
            }
            int unitStart = i;
            while (i < s.length() && !numeric(s.charAt(i))) {
                i++;
            }
            Long unit = UNITS.get(s.substring(unitStart, i));
            if (unit == null) {
                return OptionalLong.empty();
            }
            String decimal = number.startsWith(".") ? "0" + number : number.endsWith(".") ? number + "0" : number;
            total = total.add(new BigDecimal(decimal).multiply(BigDecimal.valueOf(unit))
                    .setScale(0, RoundingMode.DOWN).toBigIntegerExact());
            if (total.compareTo(MIN_MAGNITUDE) > 0) {
                return OptionalLong.empty();
            }
        }
        if (negative) {
            return OptionalLong.of(total.negate().longValue());
        }
        return total.compareTo(MAX) > 0 ? OptionalLong.empty() : OptionalLong.of(total.longValue());
    }

    private static boolean numeric(char c) {
        return c == '.' || c >= '0' && c <= '9';
    }
}
