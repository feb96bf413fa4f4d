package dev.attache.agent.cli;

import java.nio.charset.StandardCharsets;

/** Percent-encoding as Go's {@code net/url} does it for a request path and for query values. */
final class GoEscape {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private GoEscape() {
    }

    /** {@code url.URL.EscapedPath}: keeps {@code / : @ $ & + , ; =}, escapes {@code ?}, {@code [}, space and the rest. */
    static String path(String s) {
        return escape(s, false);
    }

    /** {@code url.QueryEscape}: space becomes {@code +}, only {@code A-Z a-z 0-9 - _ . ~} stay as they are. */
    static String query(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean query) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (unreserved(c) || (!query && "/:@$&+,;=".indexOf(c) >= 0)) {
                out.append((char) c);
            } else if (query && c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean unreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
