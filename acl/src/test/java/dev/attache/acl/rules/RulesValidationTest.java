package dev.attache.acl.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.AclException;
import dev.attache.acl.Resource;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Consul's level checks (acl/policy.go {@code Validate}), with its messages: Go's {@code %#v} of the rule. */
class RulesValidationTest {

    static Stream<Arguments> badLevels() {
        return Stream.of(
                c("acl", "acl = \"list\"", "{\"acl\": \"list\"}", "Invalid acl policy: \"list\""),
                c("operator", "operator = \"x\"", "{\"operator\": \"x\"}", "Invalid operator policy: \"x\""),
                c("keyring", "keyring = \"nope\"", "{\"keyring\": \"nope\"}", "Invalid keyring policy: \"nope\""),
                c("mesh", "mesh = \"list\"", "{\"mesh\": \"list\"}", "Invalid mesh policy: \"list\""),
                c("peering", "peering = \"all\"", "{\"peering\": \"all\"}", "Invalid peering policy: \"all\""),
                named("agent", "n", "x", "Invalid agent policy: &acl.AgentRule{Node:\"n\", Policy:\"x\"}"),
                named("agent_prefix", "", "list",
                        "Invalid agent_prefix policy: &acl.AgentRule{Node:\"\", Policy:\"list\"}"),
                named("key", "k", "x",
                        "Invalid key policy: &acl.KeyRule{Prefix:\"k\", Policy:\"x\", EnterpriseRule:acl.EnterpriseRule{}}"),
                named("key_prefix", "a/", "nope", "Invalid key_prefix policy: &acl.KeyRule{Prefix:\"a/\", "
                        + "Policy:\"nope\", EnterpriseRule:acl.EnterpriseRule{}}"),
                named("node", "n", "x",
                        "Invalid node policy: &acl.NodeRule{Name:\"n\", Policy:\"x\", EnterpriseRule:acl.EnterpriseRule{}}"),
                named("node_prefix", "a", "list", "Invalid node_prefix policy: &acl.NodeRule{Name:\"a\", "
                        + "Policy:\"list\", EnterpriseRule:acl.EnterpriseRule{}}"),
                named("service", "s", "x", "Invalid service policy: &acl.ServiceRule{Name:\"s\", Policy:\"x\", "
                        + "Intentions:\"\", EnterpriseRule:acl.EnterpriseRule{}}"),
                named("service_prefix", "", "list", "Invalid service_prefix policy: &acl.ServiceRule{Name:\"\", "
                        + "Policy:\"list\", Intentions:\"\", EnterpriseRule:acl.EnterpriseRule{}}"),
                named("session", "n", "x", "Invalid session policy: &acl.SessionRule{Node:\"n\", Policy:\"x\"}"),
                named("session_prefix", "", "list",
                        "Invalid session_prefix policy: &acl.SessionRule{Node:\"\", Policy:\"list\"}"),
                named("event", "e", "x", "Invalid event policy: &acl.EventRule{Event:\"e\", Policy:\"x\"}"),
                named("event_prefix", "", "x", "Invalid event_prefix policy: &acl.EventRule{Event:\"\", Policy:\"x\"}"),
                named("query", "q", "list", "Invalid query policy: &acl.PreparedQueryRule{Prefix:\"q\", Policy:\"list\"}"),
                named("query_prefix", "", "x",
                        "Invalid query_prefix policy: &acl.PreparedQueryRule{Prefix:\"\", Policy:\"x\"}"),
                c("service intentions", "service \"s\" { policy = \"read\" intentions = \"list\" }",
                        "{\"service\": {\"s\": {\"policy\": \"read\", \"intentions\": \"list\"}}}",
                        "Invalid service intentions policy: &acl.ServiceRule{Name:\"s\", Policy:\"read\", "
                                + "Intentions:\"list\", EnterpriseRule:acl.EnterpriseRule{}}"),
                c("service_prefix intentions", "service_prefix \"\" { policy = \"write\" intentions = \"x\" }",
                        "{\"service_prefix\": {\"\": {\"policy\": \"write\", \"intentions\": \"x\"}}}",
                        "Invalid service_prefix intentions policy: &acl.ServiceRule{Name:\"\", Policy:\"write\", "
                                + "Intentions:\"x\", EnterpriseRule:acl.EnterpriseRule{}}"),
                c("a block without policy", "node \"n\" { }", "{\"node\": {\"n\": {}}}",
                        "Invalid node policy: &acl.NodeRule{Name:\"n\", Policy:\"\", EnterpriseRule:acl.EnterpriseRule{}}"),
                c("a number", "acl = 3", "{\"acl\": 3}", "Invalid acl policy: \"3\""),
                c("a quote in the name", "agent \"a\\\"b\" { policy = \"x\" }",
                        "{\"agent\": {\"a\\\"b\": {\"policy\": \"x\"}}}",
                        "Invalid agent policy: &acl.AgentRule{Node:\"a\\\"b\", Policy:\"x\"}"));
    }

    private static Arguments c(String name, String hcl, String json, String message) {
        return Arguments.of(Named.of(name, hcl), json, message);
    }

    private static Arguments named(String kind, String name, String level, String message) {
        return c(kind, kind + " \"" + name + "\" { policy = \"" + level + "\" }",
                "{\"" + kind + "\": {\"" + name + "\": {\"policy\": \"" + level + "\"}}}", message);
    }

    @ParameterizedTest
    @MethodSource("badLevels")
    void badLevelsAreRefusedWithConsulsTextInBothForms(String hcl, String json, String message) {
        for (String rules : new String[] {hcl, json}) {
            assertThatThrownBy(() -> RulesParser.parse(rules))
                    .as(rules)
                    .isInstanceOfSatisfying(AclException.class,
                            e -> assertThat(e.kind()).isEqualTo(AclException.Kind.INVALID))
                    .hasMessage(message);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"read", "write", "deny", "READ", "Write", "dEnY"})
    void everyLevelButListIsValidEverywhereInAnyCase(String level) {
        Rules r = RulesParser.parse("acl = \"" + level + "\"\nnode \"n\" { policy = \"" + level + "\" }\n"
                + "service \"s\" { policy = \"" + level + "\" intentions = \"" + level + "\" }");
        AccessLevel expected = AccessLevel.valueOf(level.toUpperCase(Locale.ROOT));
        assertThat(r.global(Resource.ACL)).isEqualTo(expected);
        assertThat(r.exact(Resource.NODE).get("n")).isEqualTo(expected);
        assertThat(r.exact(Resource.INTENTION).get("s")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"key \"k\" { policy = \"list\" }", "key_prefix \"\" { policy = \"LIST\" }"})
    void listIsValidOnlyForKeys(String rules) {
        Rules r = RulesParser.parse(rules);
        assertThat(Stream.concat(r.exact(Resource.KEY).values().stream(), r.prefix(Resource.KEY).values().stream()))
                .containsExactly(AccessLevel.LIST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"operator = \"x\"\nnode \"n\" { policy = \"x\" }",
            "peering = \"x\"\nquery_prefix \"\" { policy = \"x\" }"})
    void theNamedKindsAreCheckedBeforeTheGlobalsOtherThanAcl(String rules) {
        assertThatThrownBy(() -> RulesParser.parse(rules)).hasMessageNotContaining("operator policy")
                .hasMessageNotContaining("peering policy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acl = \"x\"\nnode \"n\" { policy = \"x\" }", "node \"n\" { policy = \"x\" }\nacl = \"x\""})
    void aclIsCheckedFirst(String rules) {
        assertThatThrownBy(() -> RulesParser.parse(rules)).hasMessage("Invalid acl policy: \"x\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent \"a\" { policy = \"x\" }\nkey \"k\" { policy = \"x\" }",
            "key \"k\" { policy = \"x\" }\nagent \"a\" { policy = \"x\" }"})
    void theNamedKindsAreCheckedInConsulsOrder(String rules) {
        assertThatThrownBy(() -> RulesParser.parse(rules)).hasMessageStartingWith("Invalid agent policy");
    }
}
