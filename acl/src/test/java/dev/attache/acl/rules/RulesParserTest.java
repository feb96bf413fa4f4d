package dev.attache.acl.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.AclException;
import dev.attache.acl.Resource;
import dev.attache.acl.rules.Rules.Rule;
import dev.attache.acl.state.BuiltinPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RulesParserTest {

    @Test
    void hclFormWithEveryKindOfRule() {
        Rules r = RulesParser.parse("""
                # a comment
                acl = "read"
                operator = "WRITE"  // levels are case-insensitive
                agent "n1" { policy = "write" }
                node_prefix "" {
                  policy = "read"
                }
                service "web" {
                  policy = "write"
                  intentions = "deny"
                }
                service_prefix "" { policy = "read" }
                key_prefix "app/" { policy = "list" }
                /* block comment */
                session "n1" { policy = "deny" }
                event_prefix "" { policy = "read" }
                query "q" { policy = "write" }
                keyring = "deny"
                mesh = "read"
                peering = "write"
                """);
        assertThat(r.rules()).containsExactly(
                new Rule(Resource.ACL, "", false, AccessLevel.READ),
                new Rule(Resource.AGENT, "n1", false, AccessLevel.WRITE),
                new Rule(Resource.KEY, "app/", true, AccessLevel.LIST),
                new Rule(Resource.NODE, "", true, AccessLevel.READ),
                new Rule(Resource.SERVICE, "web", false, AccessLevel.WRITE),
                new Rule(Resource.INTENTION, "web", false, AccessLevel.DENY),
                new Rule(Resource.SERVICE, "", true, AccessLevel.READ),
                new Rule(Resource.INTENTION, "", true, AccessLevel.READ),
                new Rule(Resource.SESSION, "n1", false, AccessLevel.DENY),
                new Rule(Resource.EVENT, "", true, AccessLevel.READ),
                new Rule(Resource.QUERY, "q", false, AccessLevel.WRITE),
                new Rule(Resource.KEYRING, "", false, AccessLevel.DENY),
                new Rule(Resource.OPERATOR, "", false, AccessLevel.WRITE),
                new Rule(Resource.MESH, "", false, AccessLevel.READ),
                new Rule(Resource.PEERING, "", false, AccessLevel.WRITE));
    }

    @Test
    void jsonFormMeansTheSame() {
        Rules hcl = RulesParser.parse("acl = \"write\"\nnode \"db\" { policy = \"read\" }\n"
                + "service_prefix \"\" { policy = \"write\" }");
        Rules json = RulesParser.parse("{\"acl\": \"write\", \"node\": {\"db\": {\"policy\": \"read\"}},"
                + " \"service_prefix\": {\"\": {\"policy\": \"write\"}}}");
        assertThat(json).isEqualTo(hcl);
    }

    @Test
    void intentionsFollowThePolicyWhenNotGiven() {
        assertThat(RulesParser.parse("service \"a\" { policy = \"write\" }\nservice \"b\" { policy = \"deny\" }")
                .rules()).contains(new Rule(Resource.INTENTION, "a", false, AccessLevel.READ),
                new Rule(Resource.INTENTION, "b", false, AccessLevel.DENY));
    }

    @Test
    void emptyTextAndUnknownKeysAreNoRules() {
        assertThat(RulesParser.parse("")).isEqualTo(Rules.EMPTY);
        assertThat(RulesParser.parse("  \n ")).isEqualTo(Rules.EMPTY);
        assertThat(RulesParser.parse("# only a comment\n")).isEqualTo(Rules.EMPTY);
        assertThat(RulesParser.parse("future_thing = \"x\"\nidentity_prefix \"\" { policy = \"write\" }"))
                .isEqualTo(Rules.EMPTY);
    }

    @Test
    void builtinPoliciesParse() {
        Rules management = RulesParser.parse(BuiltinPolicies.GLOBAL_MANAGEMENT_RULES);
        assertThat(management.rules()).allMatch(r -> r.level() == AccessLevel.WRITE
                || r.resource() == Resource.INTENTION && r.level() == AccessLevel.WRITE);
        assertThat(management.rules()).hasSize(13); // 12 rules, and service_prefix's intentions
        assertThat(RulesParser.parse(BuiltinPolicies.GLOBAL_READ_ONLY_RULES).rules())
                .allMatch(r -> r.level() == AccessLevel.READ);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "acl = \"list\"                               | Invalid acl policy: \"list\"",
            "operator = \"x\"                             | Invalid operator policy: \"x\"",
            "keyring = \"nope\"                           | Invalid keyring policy: \"nope\"",
            "mesh = \"list\"                              | Invalid mesh policy: \"list\"",
            "peering = \"all\"                            | Invalid peering policy: \"all\"",
            "agent \"n\" { policy = \"x\" }               | Invalid agent policy: &acl.AgentRule{Node:\"n\", Policy:\"x\"}",
            "agent_prefix \"\" { policy = \"list\" }      | Invalid agent_prefix policy: &acl.AgentRule{Node:\"\", Policy:\"list\"}",
            "key \"k\" { policy = \"x\" }                 | Invalid key policy: &acl.KeyRule{Prefix:\"k\", Policy:\"x\", EnterpriseRule:acl.EnterpriseRule{}}",
            "node \"n\" { }                               | Invalid node policy: &acl.NodeRule{Name:\"n\", Policy:\"\", EnterpriseRule:acl.EnterpriseRule{}}",
            "node_prefix \"a\" { policy = \"list\" }      | Invalid node_prefix policy: &acl.NodeRule{Name:\"a\", Policy:\"list\", EnterpriseRule:acl.EnterpriseRule{}}",
            "service \"s\" { policy = \"x\" }             | Invalid service policy: &acl.ServiceRule{Name:\"s\", Policy:\"x\", Intentions:\"\", EnterpriseRule:acl.EnterpriseRule{}}",
            "service \"s\" {\\npolicy = \"read\"\\nintentions = \"list\"\\n} | Invalid service intentions policy: &acl.ServiceRule{Name:\"s\", Policy:\"read\", Intentions:\"list\", EnterpriseRule:acl.EnterpriseRule{}}",
            "service_prefix \"\" {\\npolicy = \"read\"\\nintentions = \"x\"\\n} | Invalid service_prefix intentions policy: &acl.ServiceRule{Name:\"\", Policy:\"read\", Intentions:\"x\", EnterpriseRule:acl.EnterpriseRule{}}",
            "session \"n\" { policy = \"x\" }             | Invalid session policy: &acl.SessionRule{Node:\"n\", Policy:\"x\"}",
            "event_prefix \"\" { policy = \"x\" }         | Invalid event_prefix policy: &acl.EventRule{Event:\"\", Policy:\"x\"}",
            "query \"q\" { policy = \"list\" }            | Invalid query policy: &acl.PreparedQueryRule{Prefix:\"q\", Policy:\"list\"}"})
    void invalidLevelsAreRefusedWithConsulsText(String rules, String message) {
        assertThatThrownBy(() -> RulesParser.parse(rules.replace("\\n", "\n")))
                .isInstanceOfSatisfying(AclException.class, e -> assertThat(e.kind()).isEqualTo(AclException.Kind.INVALID))
                .hasMessage(message);
    }

    @Test
    void consulChecksAclBeforeTheNamedKindsAndTheOtherGlobalsAfter() {
        assertThatThrownBy(() -> RulesParser.parse("operator = \"x\"\nnode \"n\" { policy = \"x\" }"))
                .hasMessageStartingWith("Invalid node policy");
        assertThatThrownBy(() -> RulesParser.parse("acl = \"x\"\nnode \"n\" { policy = \"x\" }"))
                .hasMessage("Invalid acl policy: \"x\"");
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
            "node \"a\" { policy = \"read\" }\nnode \"a\" { policy = \"write\" }",
            "{\"acl\": \"read\", \"acl\": \"write\"}",
            "{\"acl\": ",
            "[1, 2]",
            "acl = [\"read\"]",
            "node = \"read\""})
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
    }

    @Test
    void validateIsParseWithoutTheResult() {
        RulesParser.validate("node_prefix \"\" { policy = \"read\" }");
        assertThatThrownBy(() -> RulesParser.validate("acl = \"x\"")).isInstanceOf(AclException.class);
    }
}
