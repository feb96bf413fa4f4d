package dev.attache.api.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A value that does not change between requests, serialized once. Compact output writes the stored JSON
 * as it is; pretty output serializes the value again so that it is indented with the rest.
 */
@JsonSerialize(using = Prerendered.Serializer.class)
public final class Prerendered {
    private final Object value;
    private final String compact;

    private Prerendered(Object value) {
        this.value = value;
        this.compact = new String(Json.write(value, false), StandardCharsets.UTF_8);
    }

    public static Prerendered of(Object value) {
        return new Prerendered(value);
    }

    /** The value this was made from. */
    public Object value() {
        return value;
    }

    static final class Serializer extends StdSerializer<Prerendered> {
        private static final long serialVersionUID = 1L;

        Serializer() {
            super(Prerendered.class);
        }

        @Override
        public void serialize(Prerendered p, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (gen.getPrettyPrinter() != null) {
                provider.defaultSerializeValue(p.value, gen);
            } else {
                gen.writeRawValue(p.compact);
            }
        }
    }
}
