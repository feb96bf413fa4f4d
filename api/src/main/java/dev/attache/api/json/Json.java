package dev.attache.api.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import dev.attache.api.ApiException;
import java.io.IOException;

/**
 * The one JSON mapping of the HTTP API. Wire records carry explicit {@code @JsonProperty} names;
 * nothing here renames fields. Immutable after construction and shared by every agent in the JVM.
 */
public final class Json {
    /** Blackbird replaces reflective accessor calls with generated lambdas: serialization is the hot path of most reads. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new BlackbirdModule())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final ObjectWriter COMPACT = MAPPER.writer();
    /** Go's {@code json.MarshalIndent(v, "", "    ")}: {@code "k": v}, four spaces, {@code []} and {@code {}} when empty. */
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n")));

    private Json() {
    }

    /** Serializes a response value, compact or indented by four spaces with a trailing newline (Consul's {@code ?pretty}). */
    public static byte[] write(Object value, boolean pretty) {
        try {
            if (pretty) {
                byte[] body = PRETTY.writeValueAsBytes(value);
                byte[] withNewline = new byte[body.length + 1];
                System.arraycopy(body, 0, withNewline, 0, body.length);
                withNewline[body.length] = '\n';
                return withNewline;
            }
            return COMPACT.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getName(), e);
        }
    }

    /** Serializes a response value into {@code out} (compact, or pretty as {@link #write(Object, boolean)}). */
    public static void write(Object value, boolean pretty, java.io.OutputStream out) {
        try {
            (pretty ? PRETTY : COMPACT).writeValue(out, value);
            if (pretty) {
                out.write('\n');
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getName(), e);
        }
    }

    /**
     * Decodes a request body strictly (unknown fields rejected). A decode failure is a 400 whose text
     * starts with {@code what} ("Request decode failed", "Token decoding failed", ...), as Consul's.
     */
    public static <T> T read(byte[] body, Class<T> type, String what) {
        if (body.length == 0) {
            throw ApiException.badRequest(what + ": EOF");
        }
        try {
            return MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw ApiException.badRequest(what + ": " + shortReason(e));
        }
    }

    private static String shortReason(IOException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return "json: unknown field \"" + u.getPropertyName() + "\"";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
