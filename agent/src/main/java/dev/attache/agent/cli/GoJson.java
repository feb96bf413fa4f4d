package dev.attache.agent.cli;

import dev.attache.api.ApiException;
import dev.attache.api.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * JSON as Go's {@code encoding/json} writes it, through the project's one mapping ({@link Json}): the same
 * layout, plus Go's escaping of {@code < > &} and U+2028/U+2029, and Go's lowercase hex in escapes.
 * Decoding is lenient about unknown fields (the records say so), as Go's is.
 */
final class GoJson {
    private GoJson() {
    }

    /** {@code json.MarshalIndent(v, "", "    ")}: four-space indent, no final newline. */
    static String indent(Object value) {
        String s = new String(Json.write(value, true), StandardCharsets.UTF_8);
        return goEscapes(s.endsWith("\n") ? s.substring(0, s.length() - 1) : s);
    }

    /** A request body as the Go client's {@code json.NewEncoder(buf).Encode(v)} writes it: compact, then a newline. */
    static byte[] encode(Object value) {
        String s = goEscapes(new String(Json.write(value, false), StandardCharsets.UTF_8)) + "\n";
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes a response body; a body that is not the expected JSON is an error with the decoder's reason. */
    static <T> T decode(String body, Class<T> type) throws AgentClient.RequestException {
        try {
            return Json.read(body.getBytes(StandardCharsets.UTF_8), type, "json");
        } catch (ApiException e) {
            throw new AgentClient.RequestException(e.getMessage());
        }
    }

    /**
     * Rewrites Jackson's output into Go's spelling. Outside strings JSON has none of these characters, and inside
     * strings a backslash always starts an escape, so a left-to-right scan is exact.
     */
    static String goEscapes(String json) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                case '\\' -> {
                    char next = json.charAt(i + 1);
                    if (next == 'u') {
                        out.append(json, i, i + 2).append(json.substring(i + 2, i + 6).toLowerCase(java.util.Locale.ROOT));
                        i += 5;
                    } else {
                        out.append(c).append(next);
                        i++;
                    }
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
