package dev.attache.agent.lab.report;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Times as the lab files and the report write them. */
final class Times {
    private Times() {
    }

    /** An RFC 3339 UTC time as epoch milliseconds. */
    static long parse(String time, String field) {
        if (time == null) {
            throw new IllegalArgumentException("missing \"unix_ms\" and \"" + field + "\"");
        }
        try {
            return Instant.parse(time).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + field + "\" is not an RFC 3339 time: " + time);
        }
    }

    static String rfc3339(long unixMs) {
        return Instant.ofEpochMilli(unixMs).toString();
    }

    /** Milliseconds for a person: {@code 850ms}, {@code 1.25s}, {@code 2m03.4s}. */
    static String duration(Long ms) {
        if (ms == null) {
            return "-";
        }
        long abs = Math.abs(ms);
        String sign = ms < 0 ? "-" : "";
        if (abs < 1000) {
            return sign + abs + "ms";
        }
        if (abs < 60_000) {
            return sign + trim(String.format(java.util.Locale.ROOT, "%.3f", abs / 1000.0)) + "s";
        }
        long m = abs / 60_000;
        return sign + m + "m" + String.format(java.util.Locale.ROOT, "%04.1f", (abs % 60_000) / 1000.0) + "s";
    }

    static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String trim(String decimal) {
        String s = decimal.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
