package dev.attache.api.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import dev.attache.api.ApiException;
import java.io.IOException;

/**
 * The one JSON mapping of the HTTP API. Wire records carry explicit {@code @JsonProperty} names;
 * nothing here renames fields. Immutable after construction and shared by every agent in the JVM.
 */
public final class Json {
    /** Blackbird replaces reflective accessor calls with generated lambdas: serialization is the hot path of most reads. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Go's encoding/json matches field names case-insensitively and does not coerce "true" to a bool
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build()
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
     * starts with {@code what} ("Request decode failed", "Token decoding failed", ...), as Consul's. An empty body
     * is Go's {@code EOF}; a JSON {@code null} decodes to null.
     */
    public static <T> T read(byte[] body, Class<T> type, String what) {
        return read(body, type, what, false);
    }

    /**
     * As {@link #read}, with Consul CE's wording for the Enterprise field {@code Namespace}:
     * {@code json: unknown field "Namespace" - Namespaces are a Consul Enterprise feature}.
     */
    public static <T> T readCommunityEdition(byte[] body, Class<T> type, String what) {
        return read(body, type, what, true);
    }

    private static <T> T read(byte[] body, Class<T> type, String what, boolean enterpriseHint) {
        if (isBlank(body)) {
            throw ApiException.badRequest(what + ": EOF");
        }
        try {
            return MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw ApiException.badRequest(what + ": " + shortReason(e, enterpriseHint));
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String shortReason(IOException e, boolean enterpriseHint) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            String reason = "json: unknown field \"" + u.getPropertyName() + "\"";
            return enterpriseHint && "Namespace".equals(u.getPropertyName())
                    ? reason + " - Namespaces are a Consul Enterprise feature"
                    : reason;
        }
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
