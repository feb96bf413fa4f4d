package dev.attache.acl.state;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase;
import dev.attache.acl.AclException;
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The JSON shapes and Jackson wiring behind {@link AclCodec}. */
final class CodecJson {
    private CodecJson() {
    }

    /** Commands carry their record name as {@code type}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = AclCommand.Initialize.class, name = "Initialize"),
        @JsonSubTypes.Type(value = AclCommand.Bootstrap.class, name = "Bootstrap"),
        @JsonSubTypes.Type(value = AclCommand.TokenCreate.class, name = "TokenCreate"),
        @JsonSubTypes.Type(value = AclCommand.TokenUpdate.class, name = "TokenUpdate"),
        @JsonSubTypes.Type(value = AclCommand.TokenClone.class, name = "TokenClone"),
        @JsonSubTypes.Type(value = AclCommand.TokenDelete.class, name = "TokenDelete"),
        @JsonSubTypes.Type(value = AclCommand.PolicyCreate.class, name = "PolicyCreate"),
        @JsonSubTypes.Type(value = AclCommand.PolicyUpdate.class, name = "PolicyUpdate"),
        @JsonSubTypes.Type(value = AclCommand.PolicyDelete.class, name = "PolicyDelete"),
        @JsonSubTypes.Type(value = AclCommand.ReapExpired.class, name = "ReapExpired"),
        @JsonSubTypes.Type(value = AclCommand.Replicate.class, name = "Replicate"),
    })
    interface CommandMixin {
    }

    /** A command's outcome: {@code type} is token, policy, boolean or error. */
    record Result(String type, AclToken token, AclPolicy policy, Boolean value, AclException.Kind kind,
                  String message) {
    }

    record Snapshot(int version, long index, long tokensIndex, long policiesIndex, long bootstrapIndex,
                    List<AclToken> tokens, List<AclPolicy> policies) {
    }

    /** Instants as ISO-8601 with nanoseconds ({@link Instant#toString}), durations as ISO-8601 ({@code PT1M}). */
    static SimpleModule timeModule() {
        SimpleModule module = new SimpleModule("attache-acl-time");
        module.addSerializer(Instant.class, new TextSerializer<>(Instant.class));
        module.addDeserializer(Instant.class, new TextDeserializer<>(Instant.class, Instant::parse));
        module.addSerializer(Duration.class, new TextSerializer<>(Duration.class));
        module.addDeserializer(Duration.class, new TextDeserializer<>(Duration.class, Duration::parse));
        return module;
    }

    private static final class TextSerializer<T> extends ToStringSerializerBase {
        private static final long serialVersionUID = 1L;

        TextSerializer(Class<T> type) {
            super(type);
        }

        @Override
        public String valueToString(Object value) {
            return value.toString();
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(valueToString(value));
        }
    }

    private static final class TextDeserializer<T> extends StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient Function<String, T> parse;

        TextDeserializer(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                return ctxt.reportInputMismatch(this, "expected a string for %s", handledType().getSimpleName());
            }
            try {
                return parse.apply(text);
            } catch (DateTimeException e) {
                return ctxt.reportInputMismatch(this, "invalid %s: %s", handledType().getSimpleName(), text);
            }
        }
    }
}
