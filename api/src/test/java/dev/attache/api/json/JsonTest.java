package dev.attache.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.attache.api.ApiException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Token(@JsonProperty("Token") String token) {
    }

    private static String write(Object v, boolean pretty) {
        return new String(Json.write(v, pretty), StandardCharsets.UTF_8);
    }

    @Test
    void prerenderedIsWrittenAsStoredWhenCompact() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("A", 1);
        inner.put("B", List.of("x"));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("Fixed", Prerendered.of(inner));
        outer.put("Live", 2);
        assertThat(write(outer, false)).isEqualTo("{\"Fixed\":{\"A\":1,\"B\":[\"x\"]},\"Live\":2}");
    }

    @Test
    void prerenderedIsIndentedWithTheRestWhenPretty() {
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("Fixed", Prerendered.of(Map.of("A", 1)));
        assertThat(write(outer, true)).isEqualTo("{\n    \"Fixed\": {\n        \"A\": 1\n    }\n}\n");
    }

    @Test
    void streamingWriteMatchesByteArrayWrite() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Json.write(Map.of("K", "v"), true, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(write(Map.of("K", "v"), true));
    }

    @Test
    void strictDecodingNamesUnknownFieldsAndEmptyBodies() {
        assertThat(Json.read("{\"Token\":\"t\"}".getBytes(StandardCharsets.UTF_8), Token.class, "Request decode failed"))
                .isEqualTo(new Token("t"));
        assertThatThrownBy(() -> Json.read("{\"Nope\":1}".getBytes(StandardCharsets.UTF_8), Token.class,
                "Request decode failed"))
                .isInstanceOf(ApiException.class)
                .hasMessage("Request decode failed: json: unknown field \"Nope\"");
        assertThatThrownBy(() -> Json.read(new byte[0], Token.class, "Request decode failed"))
                .hasMessage("Request decode failed: EOF");
    }

    @Test
    void decodingMatchesFieldNamesCaseInsensitivelyAndRefusesScalarCoercionAsGoDoes() {
        assertThat(Json.read("{\"token\":\"t\"}".getBytes(StandardCharsets.UTF_8), Token.class, "x"))
                .isEqualTo(new Token("t"));
        record Flag(@JsonProperty("Local") boolean local) {
        }
        assertThatThrownBy(() -> Json.read("{\"Local\":\"true\"}".getBytes(StandardCharsets.UTF_8), Flag.class,
                "Token decoding failed"))
                .isInstanceOf(ApiException.class)
                .hasMessageStartingWith("Token decoding failed: ");
        assertThat(Json.read("null".getBytes(StandardCharsets.UTF_8), Token.class, "x")).isNull();
        assertThatThrownBy(() -> Json.read(" \n".getBytes(StandardCharsets.UTF_8), Token.class, "x"))
                .hasMessage("x: EOF");
    }

    @Test
    void onlyTheCommunityEditionReaderExplainsTheNamespaceField() {
        byte[] body = "{\"Namespace\":\"n\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.readCommunityEdition(body, Token.class, "Policy decoding failed"))
                .hasMessage("Policy decoding failed: json: unknown field \"Namespace\" - Namespaces are a Consul "
                        + "Enterprise feature");
        assertThatThrownBy(() -> Json.read(body, Token.class, "Request decoding failed"))
                .hasMessage("Request decoding failed: json: unknown field \"Namespace\"");
    }
}
