package dev.attache.acl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.rules.RulesParser;
import dev.attache.acl.state.BuiltinPolicies;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyAuthorizerTest {

    private static Authorizer of(String... policies) {
        return PolicyAuthorizer.of(java.util.Arrays.stream(policies).map(RulesParser::parse).toList());
    }

    @Test
    void levelsGrantWhatConsulsTableSays() {
        Authorizer a = of("key \"w\" { policy = \"write\" }\nkey \"l\" { policy = \"list\" }\n"
                + "key \"r\" { policy = \"read\" }\nkey \"d\" { policy = \"deny\" }");
        assertThat(decisions(a, "w")).containsExactly(Decision.ALLOW, Decision.ALLOW, Decision.ALLOW);
        assertThat(decisions(a, "l")).containsExactly(Decision.ALLOW, Decision.ALLOW, Decision.DENY);
        assertThat(decisions(a, "r")).containsExactly(Decision.ALLOW, Decision.DENY, Decision.DENY);
        assertThat(decisions(a, "d")).containsExactly(Decision.DENY, Decision.DENY, Decision.DENY);
        assertThat(decisions(a, "none")).containsExactly(Decision.DEFAULT, Decision.DEFAULT, Decision.DEFAULT);
    }

    private static List<Decision> decisions(Authorizer a, String key) {
        return List.of(a.check(Resource.KEY, AccessLevel.READ, key), a.check(Resource.KEY, AccessLevel.LIST, key),
                a.check(Resource.KEY, AccessLevel.WRITE, key));
    }

    @Test
    void anExactRuleWinsOverEveryPrefixAndTheLongestPrefixWinsOtherwise() {
        Authorizer a = of("node_prefix \"\" { policy = \"write\" }\nnode_prefix \"db\" { policy = \"deny\" }\n"
                + "node_prefix \"db-r\" { policy = \"read\" }\nnode \"db\" { policy = \"read\" }");
        assertThat(a.check(Resource.NODE, AccessLevel.WRITE, "web1")).isEqualTo(Decision.ALLOW);
        assertThat(a.check(Resource.NODE, AccessLevel.READ, "db1")).isEqualTo(Decision.DENY);
        assertThat(a.check(Resource.NODE, AccessLevel.READ, "db-r1")).isEqualTo(Decision.ALLOW);
        assertThat(a.check(Resource.NODE, AccessLevel.WRITE, "db-r1")).isEqualTo(Decision.DENY);
        assertThat(a.check(Resource.NODE, AccessLevel.READ, "db")).isEqualTo(Decision.ALLOW);
        assertThat(a.check(Resource.NODE, AccessLevel.WRITE, "db")).isEqualTo(Decision.DENY);
    }

    @Test
    void policiesMergeByPrecedenceKeepingExactAndPrefixApart() {
        // consul-behavior.md §6.2: exact read from A + prefix write from B → read-only on db, write on dbx
        Authorizer a = of("node \"db\" { policy = \"read\" }", "node_prefix \"\" { policy = \"write\" }");
        assertThat(a.check(Resource.NODE, AccessLevel.WRITE, "db")).isEqualTo(Decision.DENY);
        assertThat(a.check(Resource.NODE, AccessLevel.READ, "db")).isEqualTo(Decision.ALLOW);
        assertThat(a.check(Resource.NODE, AccessLevel.WRITE, "dbx")).isEqualTo(Decision.ALLOW);
        // same rule in two policies: deny > write > list > read
        assertThat(of("acl = \"read\"", "acl = \"write\"").check(Resource.ACL, AccessLevel.WRITE, null))
                .isEqualTo(Decision.ALLOW);
        assertThat(of("acl = \"write\"", "acl = \"deny\"").check(Resource.ACL, AccessLevel.READ, null))
                .isEqualTo(Decision.DENY);
        assertThat(of("key \"k\" { policy = \"list\" }", "key \"k\" { policy = \"read\" }")
                .check(Resource.KEY, AccessLevel.LIST, "k")).isEqualTo(Decision.ALLOW);
    }

    @Test
    void globalResourcesIgnoreTheName() {
        Authorizer a = of("operator = \"read\"");
        assertThat(a.check(Resource.OPERATOR, AccessLevel.READ, null)).isEqualTo(Decision.ALLOW);
        assertThat(a.check(Resource.OPERATOR, AccessLevel.READ, "anything")).isEqualTo(Decision.ALLOW);
        assertThat(a.check(Resource.OPERATOR, AccessLevel.WRITE, null)).isEqualTo(Decision.DENY);
        assertThat(a.check(Resource.ACL, AccessLevel.READ, null)).isEqualTo(Decision.DEFAULT);
    }

    @Test
    void theDefaultPolicyEndsTheChain() {
        Authorizer none = of();
        Authorizer allow = ChainedAuthorizer.of(none, DefaultPolicy.ALLOW.authorizer());
        Authorizer deny = ChainedAuthorizer.of(none, DefaultPolicy.DENY.authorizer());
        assertThat(allow.allows(Resource.AGENT, AccessLevel.WRITE, "n1")).isTrue();
        assertThat(allow.allows(Resource.OPERATOR, AccessLevel.WRITE, null)).isTrue();
        // default allow still needs an explicit acl rule (quirk Q14)
        assertThat(allow.allows(Resource.ACL, AccessLevel.READ, null)).isFalse();
        assertThat(allow.allows(Resource.ACL, AccessLevel.WRITE, null)).isFalse();
        assertThat(deny.allows(Resource.AGENT, AccessLevel.READ, "n1")).isFalse();
        // an explicit rule decides before the default
        Authorizer readOnly = ChainedAuthorizer.of(of("agent_prefix \"\" { policy = \"read\" }"),
                DefaultPolicy.ALLOW.authorizer());
        assertThat(readOnly.allows(Resource.AGENT, AccessLevel.WRITE, "n1")).isFalse();
        assertThat(readOnly.allows(Resource.NODE, AccessLevel.WRITE, "n1")).isTrue();
    }

    @Test
    void builtinPoliciesGrantEverythingOrEveryRead() {
        Authorizer management = ChainedAuthorizer.of(of(BuiltinPolicies.GLOBAL_MANAGEMENT_RULES),
                DefaultPolicy.DENY.authorizer());
        Authorizer readOnly = ChainedAuthorizer.of(of(BuiltinPolicies.GLOBAL_READ_ONLY_RULES),
                DefaultPolicy.DENY.authorizer());
        for (Resource r : Resource.values()) {
            if (r == Resource.INTENTION) {
                continue; // granted through service rules
            }
            assertThat(management.allows(r, AccessLevel.WRITE, "x")).as(r.word()).isTrue();
            assertThat(readOnly.allows(r, AccessLevel.READ, "x")).as(r.word()).isTrue();
            assertThat(readOnly.allows(r, AccessLevel.WRITE, "x")).as(r.word()).isFalse();
        }
        assertThat(management.allows(Resource.INTENTION, AccessLevel.WRITE, "web")).isTrue();
    }
}
