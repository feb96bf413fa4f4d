package dev.attache.agent.config;

import dev.attache.agent.ConfigException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Go duration strings ({@code 300ms}, {@code 1.5s}, {@code 1h30m}), as Consul's config accepts them. */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    public static Duration parse(String text, String key) {
        String s = text.trim();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        int pos = 0;
        double nanos = 0;
        while (m.find() && m.start() == pos) {
            double n = Double.parseDouble(m.group(1));
            nanos += n * switch (m.group(2)) {
                case "ns" -> 1d;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            pos = m.end();
        }
        if (pos == 0 || pos != s.length()) {
            throw new ConfigException(key + ": invalid duration \"" + text + "\"");
        }
        return Duration.ofNanos((long) nanos);
    }

    /** Formats as Go's {@code time.Duration.String()}: {@code 100ms}, {@code 1s}, {@code 1m30s}, {@code 72h0m0s}. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        nanos = Math.abs(nanos);
        if (nanos < 1_000) {
            return sign + nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return sign + trim(nanos / 1e3) + "µs";
        }
        if (nanos < 1_000_000_000) {
            return sign + trim(nanos / 1e6) + "ms";
        }
        long h = nanos / 3_600_000_000_000L;
        long m = (nanos / 60_000_000_000L) % 60;
        double s = (nanos % 60_000_000_000L) / 1e9;
        if (h > 0) {
            return sign + h + "h" + m + "m" + trim(s) + "s";
        }
        if (m > 0) {
            return sign + m + "m" + trim(s) + "s";
        }
        return sign + trim(s) + "s";
    }

    private static String trim(double v) {
        String s = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return s;
    }
}
