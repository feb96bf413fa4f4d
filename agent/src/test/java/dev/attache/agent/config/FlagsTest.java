package dev.attache.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.agent.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlagsTest {

    @Test
    void parsesGoStyleFlagForms() {
        Flags.Parsed p = Flags.parse(List.of("-dev", "--node", "n1", "-http-port=8600", "-retry-join", "a",
                "-retry-join=b", "-node-meta", "rack:r1", "-server=false"));
        assertThat(p.dev()).isTrue();
        assertThat(p.overrides()).containsEntry("node_name", "n1")
                .containsEntry("ports", Map.of("http", 8600))
                .containsEntry("retry_join", List.of("a", "b"))
                .containsEntry("node_meta", Map.of("rack", "r1"))
                .containsEntry("server", false);
    }

    @Test
    void configFilesAndDirsKeepTheirOrder() {
        Flags.Parsed p = Flags.parse(List.of("-config-file=a.json", "-config-dir", "d", "-config-file", "b.json"));
        assertThat(p.configFiles()).containsExactly("a.json", "b.json");
        assertThat(p.configDirs()).containsExactly("d");
    }

    @Test
    void bootstrapMeansExpectOne() {
        assertThat(Flags.parse(List.of("-bootstrap")).overrides()).containsEntry("bootstrap_expect", 1);
    }

    @Test
    void unknownFlagIsGoError() {
        assertThatThrownBy(() -> Flags.parse(List.of("-nope")))
                .isInstanceOf(ConfigException.class).hasMessage("flag provided but not defined: -nope");
    }

    @Test
    void missingValueIsGoError() {
        assertThatThrownBy(() -> Flags.parse(List.of("-node")))
                .hasMessage("flag needs an argument: -node");
    }

    @Test
    void badIntAndBoolValuesAreParseErrors() {
        assertThatThrownBy(() -> Flags.parse(List.of("-http-port=x")))
                .hasMessage("invalid value \"x\" for flag -http-port: parse error");
        assertThatThrownBy(() -> Flags.parse(List.of("-dev=yes")))
                .hasMessage("invalid boolean value \"yes\" for -dev: parse error");
    }

    @Test
    void positionalArgumentsAreRejected() {
        assertThatThrownBy(() -> Flags.parse(List.of("-dev", "extra")))
                .hasMessage("Unexpected extra arguments: [extra]");
    }
}
