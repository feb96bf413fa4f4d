package dev.attache.acl.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Go's text forms that appear inside Consul's messages: {@code time.Duration.String()} ({@code 1m0s},
 * {@code 1.5s}, {@code 250ms}) and {@code %q} quoting.
 */
public final class GoFormat {
    private static final long NANOS_PER_MICRO = 1_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private GoFormat() {
    }

    /**
     * {@code d} as Go's {@code time.Duration.String()} prints it. Go durations are int64 nanoseconds, so longer
     * durations saturate as Go's {@code time.Sub} does.
     */
    public static String duration(Duration d) {
        return durationNanos(saturatedNanos(d));
    }

    /** {@code to - from} in nanoseconds, saturated to the int64 range like Go's {@code time.Time.Sub}. */
    public static long between(Instant from, Instant to) {
        return saturatedNanos(Duration.between(from, to));
    }

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Go's {@code time.Duration(nanos).String()}. */
    public static String durationNanos(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        boolean neg = nanos < 0;
        long u = neg ? -nanos : nanos; // Long.MIN_VALUE stays as its unsigned magnitude 2^63
        StringBuilder out = new StringBuilder();
        if (Long.compareUnsigned(u, NANOS_PER_SECOND) < 0) {
            if (u < NANOS_PER_MICRO) {
                out.append(u).append("ns");
            } else if (u < NANOS_PER_MILLI) {
                appendFraction(out, u, 3).append("\u00b5s");
            } else {
                appendFraction(out, u, 6).append("ms");
            }
        } else {
            long seconds = Long.divideUnsigned(u, NANOS_PER_SECOND);
            long frac = Long.remainderUnsigned(u, NANOS_PER_SECOND);
            long hours = seconds / 3600;
            long minutes = (seconds / 60) % 60;
            if (hours > 0) {
                out.append(hours).append('h');
            }
            if (hours > 0 || minutes > 0) {
                out.append(minutes).append('m');
            }
            out.append(seconds % 60);
            appendDigits(out, frac, 9).append('s');
        }
        return neg ? "-" + out : out.toString();
    }

    /** Appends {@code v / 10^prec} with the fraction's trailing zeros (and a bare point) omitted. */
    private static StringBuilder appendFraction(StringBuilder out, long v, int prec) {
        long scale = (long) Math.pow(10, prec);
        out.append(v / scale);
        return appendDigits(out, v % scale, prec);
    }

    private static StringBuilder appendDigits(StringBuilder out, long frac, int prec) {
        if (frac == 0) {
            return out;
        }
        String digits = String.format(Locale.ROOT, "%0" + prec + "d", frac);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return out.append('.').append(digits, 0, end);
    }

    /** Go's {@code strconv.Quote}: double quotes, with backslash escapes for quotes and unprintable runes. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> appendQuoted(out, cp));
        return out.append('"').toString();
    }

    private static void appendQuoted(StringBuilder out, int cp) {
        switch (cp) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0B -> out.append("\\v");
            default -> {
                if (isPrint(cp)) {
                    out.appendCodePoint(cp);
                } else if (cp < ' ' || cp == 0x7F) {
                    out.append(String.format(Locale.ROOT, "\\x%02x", cp));
                } else if (cp < 0x10000) {
                    out.append(String.format(Locale.ROOT, "\\u%04x", cp));
                } else {
                    out.append(String.format(Locale.ROOT, "\\U%08x", cp));
                }
            }
        }
    }

    /** Go's {@code strconv.IsPrint} for runes up to U+00FF. */
    static boolean isPrintLatin1(int r) {
        return (r >= 0x20 && r <= 0x7E) || (r >= 0xA1 && r <= 0xFF && r != 0xAD);
    }

    /** An approximation of Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols, ASCII space. */
    private static boolean isPrint(int cp) {
        if (cp <= 0xFF) {
            return isPrintLatin1(cp);
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
