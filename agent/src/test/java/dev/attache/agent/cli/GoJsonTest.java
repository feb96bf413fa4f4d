package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoJsonTest {
    @Test
    void escapesHtmlCharactersAndLineSeparatorsAsGoDoes() {
        assertThat(GoJson.indent(Map.of("SecretID", "<hidden> & \u2028")))
                .isEqualTo("{\n    \"SecretID\": \"\\u003chidden\\u003e \\u0026 \\u2028\"\n}");
    }

    @Test
    void controlCharacterEscapesUseLowercaseHexAndBackslashesSurvive() {
        assertThat(GoJson.goEscapes("\"\\u001B \\\\u001B \\n\"")).isEqualTo("\"\\u001b \\\\u001B \\n\"");
    }

    @Test
    void indentHasFourSpacesAndNoFinalNewline() {
        assertThat(GoJson.indent(List.of(Map.of("A", List.of()))))
                .isEqualTo("[\n    {\n        \"A\": []\n    }\n]");
    }

    @Test
    void encodeIsCompactWithANewlineAsGosEncoder() {
        assertThat(new String(GoJson.encode(Map.of("Token", "a&b")), StandardCharsets.UTF_8))
                .isEqualTo("{\"Token\":\"a\\u0026b\"}\n");
    }

    @Test
    void decodeIgnoresUnknownFieldsAndReportsBadJson() throws Exception {
        AclLink link = GoJson.decode("{\"ID\":\"x\",\"Name\":\"n\",\"Extra\":1}", AclLink.class);
        assertThat(link).isEqualTo(new AclLink("x", "n"));
        assertThatThrownBy(() -> GoJson.decode("", AclLink.class)).hasMessage("json: EOF");
        assertThatThrownBy(() -> GoJson.decode("{", AclLink.class)).hasMessageStartingWith("json: ");
    }
}
