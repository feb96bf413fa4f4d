package dev.attache.api.json;

import dev.attache.acl.state.GoFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}: {@code [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+} with the units {@code ns us µs μs ms s
 * m h}, a bare {@code 0}, and Go's error texts ({@code time: invalid duration "abc"}). Works on UTF-8 bytes, as Go.
 */
public final class GoDuration {
    private static final long HIGH_BIT = Long.MIN_VALUE; // 1 << 63, read unsigned
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L, // micro sign
            "\u03bcs", 1_000L, // Greek mu
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** The duration {@code text} names; {@link IllegalArgumentException} with Go's message when it names none. */
    public static Duration parse(String text) {
        return Duration.ofNanos(parseNanos(text));
    }

    /** As {@link #parse}, in nanoseconds (Go's {@code time.Duration}). */
    public static long parseNanos(String text) {
        String orig = text;
        byte[] s = text.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        boolean neg = false;
        if (s.length > 0 && (s[0] == '-' || s[0] == '+')) {
            neg = s[0] == '-';
            i++;
        }
        if (s.length - i == 1 && s[i] == '0') {
            return 0;
        }
        if (i == s.length) {
            throw invalid(orig);
        }
        long d = 0; // unsigned
        while (i < s.length) {
            if (!(s[i] == '.' || isDigit(s[i]))) {
                throw invalid(orig);
            }
            // [0-9]*
            int start = i;
            long v = 0;
            while (i < s.length && isDigit(s[i])) {
                if (Long.compareUnsigned(v, Long.divideUnsigned(HIGH_BIT, 10)) > 0) {
                    throw invalid(orig);
                }
                v = v * 10 + (s[i] - '0');
                if (Long.compareUnsigned(v, HIGH_BIT) > 0) {
                    throw invalid(orig);
                }
                i++;
            }
            boolean pre = i != start;
            // (\.[0-9]*)?
            long f = 0;
            double scale = 1;
            boolean post = false;
            if (i < s.length && s[i] == '.') {
                i++;
                int fracStart = i;
                boolean overflow = false;
                while (i < s.length && isDigit(s[i])) {
                    if (!overflow) {
                        if (f > (Long.MAX_VALUE) / 10) {
                            overflow = true;
                        } else {
                            f = f * 10 + (s[i] - '0');
                            scale *= 10;
                        }
                    }
                    i++;
                }
                post = i != fracStart;
            }
            if (!pre && !post) {
                throw invalid(orig);
            }
            // unit
            int unitStart = i;
            while (i < s.length && s[i] != '.' && !isDigit(s[i])) {
                i++;
            }
            if (i == unitStart) {
                throw new IllegalArgumentException("time: missing unit in duration " + GoFormat.quote(orig));
            }
            String u = new String(s, unitStart, i - unitStart, StandardCharsets.UTF_8);
            Long unit = UNITS.get(u);
            if (unit == null) {
                throw new IllegalArgumentException("time: unknown unit " + GoFormat.quote(u) + " in duration "
                        + GoFormat.quote(orig));
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(HIGH_BIT, unit)) > 0) {
                throw invalid(orig);
            }
            v *= unit;
            if (f > 0) {
                v += (long) ((double) f * ((double) unit / scale));
                if (Long.compareUnsigned(v, HIGH_BIT) > 0) {
                    throw invalid(orig);
                }
            }
            d += v;
            if (Long.compareUnsigned(d, HIGH_BIT) > 0) {
                throw invalid(orig);
            }
        }
        if (neg) {
            return -d; // -(1 << 63) stays Long.MIN_VALUE
        }
        if (d == HIGH_BIT) {
            throw invalid(orig);
        }
        return d;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String orig) {
        return new IllegalArgumentException("time: invalid duration " + GoFormat.quote(orig));
    }
}
