package dev.attache.api.agent;

import dev.attache.api.ApiException;
import java.util.Locale;

/** The levels a log monitor filters on, lowest first, in hclog's names. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR;

    /** The level a monitor streams when {@code loglevel} is absent or empty. */
    public static final LogLevel DEFAULT = INFO;

    /**
     * Consul's {@code loglevel} parameter: case-insensitive {@code trace debug info warn err error}, empty for the
     * default; anything else is a 400 {@code Unknown log level: <value>}.
     */
    public static LogLevel parse(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT;
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "TRACE" -> TRACE;
            case "DEBUG" -> DEBUG;
            case "INFO" -> INFO;
            case "WARN" -> WARN;
            case "ERR", "ERROR" -> ERROR;
            default -> throw ApiException.badRequest("Unknown log level: " + value);
        };
    }

    /** hclog's lower-case name, as in the JSON form's {@code @level}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
