package dev.attache.acl.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HCL 1 through hcl4j, as the agent's configuration files use it too. */
class HclTest {

    @Test
    void blocksNestAndRepeatedBlocksBecomeLists() {
        Map<String, Object> m = Hcl.parse("""
                acl { enabled = true default_policy = "deny" }
                node "a" { x = 1 }
                node "a" { x = 2 }
                ports = { http = 8500 }
                retry_join = ["a", "b",]
                """);
        assertThat(m.get("acl")).isEqualTo(Map.of("enabled", true, "default_policy", "deny"));
        assertThat(m.get("node")).isEqualTo(Map.of("a", List.of(Map.of("x", 1.0), Map.of("x", 2.0))));
        assertThat(m.get("ports")).isEqualTo(Map.of("http", 8500.0));
        assertThat(m.get("retry_join")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void valuesMeanWhatHcl1MeansByThem() {
        Map<String, Object> m = Hcl.parse("""
                a = "${not_a_variable}"
                b = "tab\\there \\u00e9"
                c = 1e3
                d = 0x10
                e = <<-EOT
                    line one
                      line two
                    EOT
                "quoted key" = "v"
                """);
        assertThat(m.get("a")).isEqualTo("${not_a_variable}");
        assertThat(m.get("b")).isEqualTo("tab\there é");
        assertThat(m.get("c")).isEqualTo(1000.0);
        assertThat(m.get("d")).isEqualTo(16.0);
        assertThat(m.get("e")).isEqualTo("line one\n  line two\n");
        assertThat(m.get("quoted key")).isEqualTo("v");
    }

    @Test
    void duplicatesAreAllowedUnlessAsked() {
        assertThat(Hcl.parse("a = 1\na = 2")).isEqualTo(Map.of("a", 2.0));
        assertThatThrownBy(() -> Hcl.parse("a = 1\na = 2", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The argument \"a\" at 2:1 was already set. Each argument can only be defined once");
        // a repeated block is not a repeated argument
        assertThat(Hcl.parse("b \"x\" {}\nb \"x\" {}", true)).containsKey("b");
    }

    @Test
    void whatHcl4jWouldSkipIsAnError() {
        assertThatThrownBy(() -> Hcl.parse("node \"a\" { policy = \"read\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("At 1:");
        assertThatThrownBy(() -> Hcl.parse("bogus")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("At 1:6: key 'bogus' expected start of object ('{') or assignment ('='), found end of input");
        assertThatThrownBy(() -> Hcl.parse("a = \"x")).hasMessage("At 1:5: literal not terminated");
        assertThatThrownBy(() -> Hcl.parse("a = @")).hasMessage("At 1:5: illegal char '@'");
    }
}
