package dev.attache.acl.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.AclException;
import dev.attache.acl.Resource;
import dev.attache.acl.state.BuiltinPolicies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HCL and JSON forms, what they mean, and the parse errors. Level errors are in {@link RulesValidationTest}. */
class RulesParserTest {

    @Test
    void hclFormWithEveryKindOfRule() {
        Rules r = RulesParser.parse("""
                # a comment
                acl = "read"
                operator = "WRITE"  // levels are case-insensitive
                agent "n1" { policy = "write" }
                agent_prefix "" { policy = "read" }
                node_prefix "" {
                  policy = "read"
                }
                node "db" { policy = "deny" }
                service "web" {
                  policy = "write"
                  intentions = "deny"
                }
                service_prefix "" { policy = "read" }
                key "app/config" { policy = "write" }
                key_prefix "app/" { policy = "list" }
                /* block
                   comment */
                session "n1" { policy = "deny" }
                session_prefix "" { policy = "read" }
                event "deploy" { policy = "write" }
                event_prefix "" { policy = "read" }
                query "q" { policy = "write" }
                query_prefix "" { policy = "read" }
                keyring = "deny"
                mesh = "read"
                peering = "write"
                """);
        assertThat(r.global()).isEqualTo(Map.of(Resource.ACL, AccessLevel.READ, Resource.OPERATOR, AccessLevel.WRITE,
                Resource.KEYRING, AccessLevel.DENY, Resource.MESH, AccessLevel.READ,
                Resource.PEERING, AccessLevel.WRITE));
        assertThat(r.exact(Resource.AGENT)).isEqualTo(Map.of("n1", AccessLevel.WRITE));
        assertThat(r.prefix(Resource.AGENT)).isEqualTo(Map.of("", AccessLevel.READ));
        assertThat(r.exact(Resource.NODE)).isEqualTo(Map.of("db", AccessLevel.DENY));
        assertThat(r.prefix(Resource.NODE)).isEqualTo(Map.of("", AccessLevel.READ));
        assertThat(r.exact(Resource.SERVICE)).isEqualTo(Map.of("web", AccessLevel.WRITE));
        assertThat(r.exact(Resource.INTENTION)).isEqualTo(Map.of("web", AccessLevel.DENY));
        assertThat(r.prefix(Resource.SERVICE)).isEqualTo(Map.of("", AccessLevel.READ));
        assertThat(r.prefix(Resource.INTENTION)).as("not written, so derived later").isEmpty();
        assertThat(r.exact(Resource.KEY)).isEqualTo(Map.of("app/config", AccessLevel.WRITE));
        assertThat(r.prefix(Resource.KEY)).isEqualTo(Map.of("app/", AccessLevel.LIST));
        assertThat(r.exact(Resource.SESSION)).isEqualTo(Map.of("n1", AccessLevel.DENY));
        assertThat(r.prefix(Resource.SESSION)).isEqualTo(Map.of("", AccessLevel.READ));
        assertThat(r.exact(Resource.EVENT)).isEqualTo(Map.of("deploy", AccessLevel.WRITE));
        assertThat(r.prefix(Resource.EVENT)).isEqualTo(Map.of("", AccessLevel.READ));
        assertThat(r.exact(Resource.QUERY)).isEqualTo(Map.of("q", AccessLevel.WRITE));
        assertThat(r.prefix(Resource.QUERY)).isEqualTo(Map.of("", AccessLevel.READ));
    }

    @Test
    void severalAttributesOnOneLineAsConsulWritesThem() {
        Rules r = RulesParser.parse("service \"web\" { policy = \"write\" intentions = \"read\" }\n"
                + "acl = \"read\" operator = \"read\"");
        assertThat(r.exact(Resource.SERVICE)).isEqualTo(Map.of("web", AccessLevel.WRITE));
        assertThat(r.exact(Resource.INTENTION)).isEqualTo(Map.of("web", AccessLevel.READ));
        assertThat(r.global()).isEqualTo(Map.of(Resource.ACL, AccessLevel.READ, Resource.OPERATOR, AccessLevel.READ));
        assertThat(RulesParser.parse("node \"a\" { policy = \"read\", } node \"b\" { policy = \"write\" }")
                .exact(Resource.NODE)).isEqualTo(Map.of("a", AccessLevel.READ, "b", AccessLevel.WRITE));
    }

    @Test
    void jsonFormMeansTheSame() {
        Rules hcl = RulesParser.parse("acl = \"write\"\nnode \"db\" { policy = \"read\" }\n"
                + "service_prefix \"\" { policy = \"write\" intentions = \"read\" }\nkey_prefix \"a/\" { policy = \"list\" }");
        Rules json = RulesParser.parse("""
                {"acl": "write", "node": {"db": {"policy": "read"}},
                 "service_prefix": {"": {"policy": "write", "intentions": "read"}},
                 "key_prefix": {"a/": {"policy": "list"}}}""");
        assertThat(json).isEqualTo(hcl);
        assertThat(RulesParser.parse("{\"node_prefix\": {\"\": {\"policy\": \"read\"}}, \"acl\": \"write\"}"))
                .isEqualTo(RulesParser.parse("node_prefix \"\" { policy = \"read\" }\nacl = \"write\""));
    }

    @Test
    void jsonListsOfBlocksAreRepeatedBlocks() {
        Rules r = RulesParser.parse("{\"node\": [{\"a\": {\"policy\": \"read\"}}, {\"a\": {\"policy\": \"deny\"}}]}");
        assertThat(r.exact(Resource.NODE)).isEqualTo(Map.of("a", AccessLevel.DENY));
    }

    @Test
    void aBlockRepeatedForOneNameMergesByPrecedence() {
        Rules r = RulesParser.parse("""
                node "a" { policy = "write" }
                node "a" { policy = "read" }
                key "k" { policy = "read" }
                key "k" { policy = "list" }
                agent "x" { policy = "write" }
                agent "x" { policy = "deny" }
                service "s" { policy = "read" }
                service "s" { policy = "write" intentions = "read" }
                """);
        assertThat(r.exact(Resource.NODE)).isEqualTo(Map.of("a", AccessLevel.WRITE));
        assertThat(r.exact(Resource.KEY)).isEqualTo(Map.of("k", AccessLevel.LIST));
        assertThat(r.exact(Resource.AGENT)).isEqualTo(Map.of("x", AccessLevel.DENY));
        assertThat(r.exact(Resource.SERVICE)).isEqualTo(Map.of("s", AccessLevel.WRITE));
        assertThat(r.exact(Resource.INTENTION)).isEqualTo(Map.of("s", AccessLevel.READ));
    }

    @Test
    void anAttributeSetTwiceInOneBodyIsRefusedAsConsulDoes() {
        // Consul's own test case ("Bad Policy - Duplicate ACL Key"), with the position of the second key
        assertThatThrownBy(() -> RulesParser.parse("acl=\"read\"\n\t\t\t\t\tacl=\"write\""))
                .isInstanceOf(AclException.class)
                .hasMessage("Failed to parse ACL rules: The argument \"acl\" at 2:6 was already set. "
                        + "Each argument can only be defined once");
        assertThatThrownBy(() -> RulesParser.parse("node \"a\" { policy = \"read\" policy = \"write\" }"))
                .hasMessage("Failed to parse ACL rules: The argument \"policy\" at 1:28 was already set. "
                        + "Each argument can only be defined once");
        assertThatThrownBy(() -> RulesParser.parse("{\"acl\": \"read\", \"acl\": \"write\"}"))
                .isInstanceOf(AclException.class)
                .hasMessageStartingWith("Failed to parse ACL rules: Duplicate field 'acl'");
    }

    @Test
    void emptyTextIsNoRules() {
        assertThat(RulesParser.parse("")).isEqualTo(Rules.EMPTY);
        assertThat(RulesParser.parse(null)).isEqualTo(Rules.EMPTY);
        assertThat(RulesParser.parse("  \n ")).isEqualTo(Rules.EMPTY);
        assertThat(RulesParser.parse("# only a comment\n")).isEqualTo(Rules.EMPTY);
        assertThat(RulesParser.parse("{}")).isEqualTo(Rules.EMPTY);
        assertThat(RulesParser.parse("acl = \"\"\noperator = \"\"")).as("empty levels are allowed").isEqualTo(Rules.EMPTY);
    }

    @Test
    void unknownKeysAndIdentityBlocksAreIgnoredAsConsulsDecoderIgnoresThem() {
        assertThat(RulesParser.parse("future_thing = \"x\"\nidentity_prefix \"\" { policy = \"write\" }\n"
                + "identity \"web\" { policy = \"read\" intentions = \"write\" }\nnode \"a\" { policy = \"read\" color = \"red\" }"))
                .isEqualTo(RulesParser.parse("node \"a\" { policy = \"read\" }"));
    }

    @Test
    void keysMatchCaseInsensitivelyAsConsulsDecoderMatchesThem() {
        assertThat(RulesParser.parse("ACL = \"write\"\nNode_Prefix \"\" { Policy = \"READ\" }"))
                .isEqualTo(RulesParser.parse("acl = \"write\"\nnode_prefix \"\" { policy = \"read\" }"));
    }

    @Test
    void stringsAreReadAsHcl1ReadsThem() {
        Rules r = RulesParser.parse("""
                node "caf\\u00e9" { policy = "read" }
                node "${not.interpolated}" { policy = "write" }
                node "quote\\"d" { policy = "deny" }
                """);
        assertThat(r.exact(Resource.NODE)).isEqualTo(Map.of("café", AccessLevel.READ,
                "${not.interpolated}", AccessLevel.WRITE, "quote\"d", AccessLevel.DENY));
        // a heredoc's value ends with its newline, which is not a level
        assertThatThrownBy(() -> RulesParser.parse("acl = <<EOT\nread\nEOT\n"))
                .hasMessage("Invalid acl policy: \"read\\n\"");
    }

    @Test
    void builtinPoliciesParseToWhatTheyGrant() {
        for (AccessLevel level : List.of(AccessLevel.WRITE, AccessLevel.READ)) {
            Rules r = RulesParser.parse(level == AccessLevel.WRITE ? BuiltinPolicies.GLOBAL_MANAGEMENT_RULES
                    : BuiltinPolicies.GLOBAL_READ_ONLY_RULES);
            assertThat(r.global()).isEqualTo(Map.of(Resource.ACL, level, Resource.KEYRING, level,
                    Resource.OPERATOR, level, Resource.MESH, level, Resource.PEERING, level));
            for (Resource named : List.of(Resource.AGENT, Resource.EVENT, Resource.KEY, Resource.NODE,
                    Resource.QUERY, Resource.SERVICE, Resource.INTENTION, Resource.SESSION)) {
                assertThat(r.prefix(named)).as(named.word()).isEqualTo(Map.of("", level));
                assertThat(r.exact(named)).as(named.word()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "node_prefix {",
            "node_prefix \"\" { policy = \"read\"",
            "hello world",
            "acl \"write\"",
            "acl =",
            "}",
            "node \"x\" { policy = \"read\" } }",
            "node \"x\" { policy = \"read }",
            "acl = \"write\" /* never closed",
            "acl = read",
            "node \"a\" { policy = upper(\"read\") }",
            "acl = \"bad \\q escape\"",
            "acl = 1e",
            "{\"acl\": ",
            "[1, 2]",
            "acl = [\"read\"]",
            "node = \"read\"",
            "node \"a\" = \"read\"",
            "identity = \"x\""})
    void malformedRulesAreAParseError(String rules) {
        assertThatThrownBy(() -> RulesParser.parse(rules))
                .isInstanceOfSatisfying(AclException.class, e -> assertThat(e.kind()).isEqualTo(AclException.Kind.INVALID))
                .hasMessageStartingWith("Failed to parse ACL rules: ");
    }

    @Test
    void parseErrorsSayWhere() {
        assertThatThrownBy(() -> RulesParser.parse("acl = \"read\"\nnode_prefix \"\" {\n  policy = \"read\"\n"))
                .hasMessage("Failed to parse ACL rules: At 4:1: expected '}' but found end of input");
        assertThatThrownBy(() -> RulesParser.parse("acl = \"read\"\nstray word"))
                .hasMessage("Failed to parse ACL rules: At 2:11: key 'stray' expected start of object ('{') or "
                        + "assignment ('='), found end of input");
        assertThatThrownBy(() -> RulesParser.parse("acl = read"))
                .hasMessage("Failed to parse ACL rules: At 1:7: Unknown token: 1:7 IDENT read");
    }

    @Test
    void validateIsParseWithoutTheResultAndIsDeterministic() {
        RulesParser.validate("node_prefix \"\" { policy = \"read\" }");
        RulesParser.validate("");
        String bad = "node \"n\" { policy = \"x\" }\nacl = \"y\"";
        String first = null;
        for (int i = 0; i < 3; i++) {
            try {
                RulesParser.validate(bad);
            } catch (AclException e) {
                first = first == null ? e.getMessage() : first;
                assertThat(e.getMessage()).isEqualTo(first);
            }
        }
        assertThat(first).isEqualTo("Invalid acl policy: \"y\"");
    }
}
