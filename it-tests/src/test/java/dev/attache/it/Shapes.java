package dev.attache.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/** Checks that a response has every field of the spec's sample response, by name and JSON type. */
public final class Shapes {
    private Shapes() {
    }

    public static JsonNode sample(String name) {
        try (InputStream in = Shapes.class.getResourceAsStream("/samples/" + name + ".json")) {
            return Http.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every field of {@code sample} is in {@code actual} with the same JSON type, recursively. Arrays are
     * compared through their first element; a sample {@code null} accepts null or an array (Consul's nil
     * lists). Free-form maps named in {@code freeForm} (paths like {@code Member.Tags}) are compared by
     * type only.
     */
    public static void assertMatches(JsonNode sample, JsonNode actual, String path, java.util.Set<String> freeForm) {
        if (sample.isNull()) {
            assertThat(actual.isNull() || actual.isArray()).as("%s is null or an array, was %s", path, actual).isTrue();
            return;
        }
        assertThat(type(actual)).as("JSON type of %s", path).isEqualTo(type(sample));
        if (sample.isObject() && !freeForm.contains(path)) {
            Iterator<Map.Entry<String, JsonNode>> fields = sample.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String child = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                assertThat(actual.has(f.getKey())).as("%s present in %s", child, actual).isTrue();
                assertMatches(f.getValue(), actual.get(f.getKey()), child, freeForm);
            }
        } else if (sample.isArray() && sample.size() > 0) {
            assertThat(actual.size()).as("%s is not empty", path).isPositive();
            assertMatches(sample.get(0), actual.get(0), path + "[]", freeForm);
        }
    }

    private static JsonNodeType type(JsonNode n) {
        return n.getNodeType() == JsonNodeType.POJO ? JsonNodeType.OBJECT : n.getNodeType();
    }
}
