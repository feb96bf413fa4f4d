package dev.attache.api.json;

/** Go's {@code strconv.ParseBool}, which Consul uses for boolean query parameters, flags and environment values. */
public final class GoBool {
    private GoBool() {
    }

    /** {@code true} or {@code false} for Go's spellings of them; null for anything else. */
    public static Boolean parse(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
            case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
            default -> null;
        };
    }
}
