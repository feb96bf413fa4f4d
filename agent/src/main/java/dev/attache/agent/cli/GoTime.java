package dev.attache.agent.cli;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * A timestamp as Go's {@code time.Time} holds one after decoding RFC 3339 JSON: the instant, its offset, and
 * whether it was written {@code Z} (Go's UTC location) or as a numeric offset. {@link #goString(ZoneId)} prints
 * it as Go's {@code String()} ({@code 2020-05-22 18:52:31.123456 +0000 UTC}); JSON is Go's RFC 3339 with
 * nanoseconds, trailing zeros trimmed.
 */
record GoTime(OffsetDateTime value, boolean utc) {
    /** Go's zero {@code time.Time}, which the Go client sends when a time is unset. */
    static final GoTime ZERO = new GoTime(OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), true);

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter RFC3339_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter ABBREVIATION = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);

    /** Go's {@code IsZero}: the instant of the zero time, whatever the zone. */
    boolean isZero() {
        return value.toInstant().equals(ZERO.value.toInstant());
    }

    @JsonCreator
    static GoTime parse(String text) {
        OffsetDateTime t = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return new GoTime(t, text.endsWith("Z") || text.endsWith("z"));
    }

    /** Go's {@code time.Time} JSON: RFC 3339 with up to nine fraction digits, {@code Z} for a zero offset. */
    @JsonValue
    String rfc3339() {
        StringBuilder s = new StringBuilder(RFC3339_SECONDS.format(value)).append(fraction());
        int offset = value.getOffset().getTotalSeconds();
        return offset == 0 ? s.append('Z').toString() : s.append(offset(offset, true)).toString();
    }

    /**
     * Go's {@code Time.String()} of the decoded value. Go keeps {@code Z} as UTC; a numeric offset that the local
     * zone has at that instant becomes the local zone (printed with its abbreviation), any other offset a
     * nameless zone printed as the offset twice ({@code +0800 +0800}).
     */
    String goString(ZoneId local) {
        StringBuilder s = new StringBuilder(DATE_TIME.format(value)).append(fraction()).append(' ');
        int offset = value.getOffset().getTotalSeconds();
        s.append(offset(offset, false)).append(' ');
        if (utc) {
            return s.append("UTC").toString();
        }
        ZonedDateTime there = value.atZoneSameInstant(local);
        if (there.getOffset().getTotalSeconds() == offset) {
            return s.append(abbreviation(there)).toString();
        }
        return s.append(offset(offset, false)).toString();
    }

    /**
     * The zone's abbreviation as the tz database spells it, as far as Java's names agree: {@code CEST}, {@code UTC};
     * zones without a letter abbreviation are numeric ({@code +03}, {@code +0530}).
     */
    private static String abbreviation(ZonedDateTime t) {
        String name = ABBREVIATION.format(t);
        if (name.equals("Z")) {
            return "UTC";
        }
        if (name.startsWith("GMT+") || name.startsWith("GMT-") || name.startsWith("+") || name.startsWith("-")) {
            String numeric = offset(t.getOffset().getTotalSeconds(), false);
            return numeric.endsWith("00") ? numeric.substring(0, 3) : numeric;
        }
        return name;
    }

    /** Go's {@code .999999999}: the nanoseconds without trailing zeros, nothing when zero. */
    private String fraction() {
        int nanos = value.getNano();
        if (nanos == 0) {
            return "";
        }
        String digits = String.format(Locale.ROOT, "%09d", nanos).replaceFirst("0+$", "");
        return "." + digits;
    }

    private static String offset(int seconds, boolean colon) {
        char sign = seconds < 0 ? '-' : '+';
        int minutes = Math.abs(seconds) / 60;
        return String.format(Locale.ROOT, colon ? "%c%02d:%02d" : "%c%02d%02d", sign, minutes / 60, minutes % 60);
    }

    /**
     * Go's {@code time.Local} for a process with this environment: {@code TZ} when set ({@code ""} or an unknown
     * zone is UTC, as in Go), else the system zone.
     */
    static ZoneId localZone(Map<String, String> env) {
        String tz = env.get("TZ");
        if (tz == null) {
            return ZoneId.systemDefault();
        }
        if (tz.startsWith(":")) {
            tz = tz.substring(1);
        }
        if (tz.isEmpty() || tz.equals("UTC")) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    @Override
    public String toString() {
        return rfc3339();
    }
}
