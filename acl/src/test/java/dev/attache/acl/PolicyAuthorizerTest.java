package dev.attache.acl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.rules.Rules;
import dev.attache.acl.rules.RulesParser;
import dev.attache.acl.state.BuiltinPolicies;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;

class PolicyAuthorizerTest {

    private static Authorizer of(String... policies) {
        return PolicyAuthorizer.of(Arrays.stream(policies).map(RulesParser::parse).toList());
    }

    /** Consul's TestPolicyAuthorizer style: policies, then checks and their decisions. */
    static Stream<Arguments> cases() {
        return Stream.of(
                c("levels: write", of("key \"k\" { policy = \"write\" }"), Resource.KEY, "k",
                        Decision.ALLOW, Decision.ALLOW, Decision.ALLOW),
                c("levels: list", of("key \"k\" { policy = \"list\" }"), Resource.KEY, "k",
                        Decision.ALLOW, Decision.ALLOW, Decision.DENY),
                c("levels: read", of("key \"k\" { policy = \"read\" }"), Resource.KEY, "k",
                        Decision.ALLOW, Decision.DENY, Decision.DENY),
                c("levels: deny", of("key \"k\" { policy = \"deny\" }"), Resource.KEY, "k",
                        Decision.DENY, Decision.DENY, Decision.DENY),
                c("no rule", of("key \"k\" { policy = \"write\" }"), Resource.KEY, "other",
                        Decision.DEFAULT, Decision.DEFAULT, Decision.DEFAULT),
                c("another resource's rule", of("node_prefix \"\" { policy = \"write\" }"), Resource.AGENT, "n",
                        Decision.DEFAULT, Decision.DEFAULT, Decision.DEFAULT),
                c("exact wins over a longer prefix", of("node \"db\" { policy = \"read\" }",
                        "node_prefix \"db\" { policy = \"write\" }"), Resource.NODE, "db",
                        Decision.ALLOW, Decision.DENY, Decision.DENY),
                c("exact read + prefix write: db is read-only", of("node \"db\" { policy = \"read\" }",
                        "node_prefix \"\" { policy = \"write\" }"), Resource.NODE, "db",
                        Decision.ALLOW, Decision.DENY, Decision.DENY),
                c("exact read + prefix write: dbx is writable", of("node \"db\" { policy = \"read\" }",
                        "node_prefix \"\" { policy = \"write\" }"), Resource.NODE, "dbx",
                        Decision.ALLOW, Decision.ALLOW, Decision.ALLOW),
                c("longest prefix wins", of("node_prefix \"\" { policy = \"write\" }\n"
                        + "node_prefix \"db\" { policy = \"deny\" }\nnode_prefix \"db-r\" { policy = \"read\" }"),
                        Resource.NODE, "db-r1", Decision.ALLOW, Decision.DENY, Decision.DENY),
                c("a shorter prefix when the longer does not match", of("node_prefix \"\" { policy = \"write\" }\n"
                        + "node_prefix \"db\" { policy = \"deny\" }\nnode_prefix \"db-r\" { policy = \"read\" }"),
                        Resource.NODE, "db-x", Decision.DENY, Decision.DENY, Decision.DENY),
                c("a prefix equal to the whole name", of("node_prefix \"db\" { policy = \"read\" }"),
                        Resource.NODE, "db", Decision.ALLOW, Decision.DENY, Decision.DENY),
                c("an exact rule is not a prefix", of("node \"db\" { policy = \"write\" }"), Resource.NODE, "db1",
                        Decision.DEFAULT, Decision.DEFAULT, Decision.DEFAULT),
                c("merge: deny beats write", of("node \"n\" { policy = \"write\" }", "node \"n\" { policy = \"deny\" }"),
                        Resource.NODE, "n", Decision.DENY, Decision.DENY, Decision.DENY),
                c("merge: write beats read", of("node \"n\" { policy = \"read\" }", "node \"n\" { policy = \"write\" }"),
                        Resource.NODE, "n", Decision.ALLOW, Decision.ALLOW, Decision.ALLOW),
                c("merge: list beats read", of("key \"k\" { policy = \"read\" }", "key \"k\" { policy = \"list\" }"),
                        Resource.KEY, "k", Decision.ALLOW, Decision.ALLOW, Decision.DENY),
                c("merge: write beats list", of("key_prefix \"k\" { policy = \"list\" }",
                        "key_prefix \"k\" { policy = \"write\" }"), Resource.KEY, "kk",
                        Decision.ALLOW, Decision.ALLOW, Decision.ALLOW),
                c("global: acl write", of("acl = \"read\"", "acl = \"write\""), Resource.ACL, null,
                        Decision.ALLOW, Decision.ALLOW, Decision.ALLOW),
                c("global: acl deny wins", of("acl = \"write\"", "acl = \"deny\""), Resource.ACL, null,
                        Decision.DENY, Decision.DENY, Decision.DENY),
                c("global: the name is ignored", of("operator = \"read\""), Resource.OPERATOR, "anything",
                        Decision.ALLOW, Decision.DENY, Decision.DENY),
                c("global: no rule", of("operator = \"read\""), Resource.MESH, null,
                        Decision.DEFAULT, Decision.DEFAULT, Decision.DEFAULT),
                c("a null name is the empty name", of("agent_prefix \"\" { policy = \"read\" }"), Resource.AGENT, null,
                        Decision.ALLOW, Decision.DENY, Decision.DENY),
                c("intentions derived: service write gives intention read",
                        of("service \"web\" { policy = \"write\" }"), Resource.INTENTION, "web",
                        Decision.ALLOW, Decision.DENY, Decision.DENY),
                c("intentions derived: service deny gives intention deny",
                        of("service_prefix \"\" { policy = \"deny\" }"), Resource.INTENTION, "web",
                        Decision.DENY, Decision.DENY, Decision.DENY),
                c("intentions explicit", of("service \"web\" { policy = \"read\" intentions = \"write\" }"),
                        Resource.INTENTION, "web", Decision.ALLOW, Decision.ALLOW, Decision.ALLOW),
                // Consul merges policy and intentions separately, then derives: the explicit write survives the deny
                c("intentions merged before they are derived",
                        of("service \"web\" { policy = \"read\" intentions = \"write\" }",
                                "service \"web\" { policy = \"deny\" }"), Resource.INTENTION, "web",
                        Decision.ALLOW, Decision.ALLOW, Decision.ALLOW),
                c("intentions merged: the service itself is denied",
                        of("service \"web\" { policy = \"read\" intentions = \"write\" }",
                                "service \"web\" { policy = \"deny\" }"), Resource.SERVICE, "web",
                        Decision.DENY, Decision.DENY, Decision.DENY));
    }

    private static Arguments c(String name, Authorizer a, Resource resource, String segment, Decision read,
                               Decision list, Decision write) {
        return Arguments.of(Named.of(name, a), resource, segment, List.of(read, list, write));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decides(Authorizer a, Resource resource, String name, List<Decision> readListWrite) {
        assertThat(List.of(a.check(resource, AccessLevel.READ, name), a.check(resource, AccessLevel.LIST, name),
                a.check(resource, AccessLevel.WRITE, name))).isEqualTo(readListWrite);
    }

    @Test
    void theDefaultPolicyEndsTheChainAndDefaultAllowStillDeniesAcl() {
        Authorizer none = of();
        Authorizer allow = ChainedAuthorizer.of(none, DefaultPolicy.ALLOW.authorizer());
        Authorizer deny = ChainedAuthorizer.of(none, DefaultPolicy.DENY.authorizer());
        for (Resource r : Resource.values()) {
            boolean acl = r == Resource.ACL;
            assertThat(allow.allows(r, AccessLevel.WRITE, "x")).as(r.word()).isEqualTo(!acl);
            assertThat(allow.allows(r, AccessLevel.READ, "x")).as(r.word()).isEqualTo(!acl);
            assertThat(deny.allows(r, AccessLevel.READ, "x")).as(r.word()).isFalse();
        }
        // an explicit rule decides before the default, both ways
        Authorizer readOnly = ChainedAuthorizer.of(of("agent_prefix \"\" { policy = \"read\" }\nacl = \"read\""),
                DefaultPolicy.ALLOW.authorizer());
        assertThat(readOnly.allows(Resource.AGENT, AccessLevel.WRITE, "n1")).isFalse();
        assertThat(readOnly.allows(Resource.NODE, AccessLevel.WRITE, "n1")).isTrue();
        assertThat(readOnly.allows(Resource.ACL, AccessLevel.READ, null)).isTrue();
        assertThat(readOnly.allows(Resource.ACL, AccessLevel.WRITE, null)).isFalse();
    }

    @Test
    void aChainAsksInOrderAndEndsInDefault() {
        Authorizer first = (r, l, n) -> r == Resource.NODE ? Decision.DENY : Decision.DEFAULT;
        Authorizer second = (r, l, n) -> r == Resource.AGENT ? Decision.ALLOW : Decision.DEFAULT;
        Authorizer chain = ChainedAuthorizer.of(List.of(first, second, Authorizers.manageAll()));
        assertThat(chain.check(Resource.NODE, AccessLevel.READ, "n")).isEqualTo(Decision.DENY);
        assertThat(chain.check(Resource.AGENT, AccessLevel.READ, "n")).isEqualTo(Decision.ALLOW);
        assertThat(chain.check(Resource.KEY, AccessLevel.READ, "n")).isEqualTo(Decision.ALLOW);
        assertThat(ChainedAuthorizer.of(first, second).check(Resource.KEY, AccessLevel.READ, "k"))
                .isEqualTo(Decision.DEFAULT);
        assertThat(ChainedAuthorizer.of(first, second).allows(Resource.KEY, AccessLevel.READ, "k")).isFalse();
    }

    @Test
    void theFixedAuthorizersAreConsulsStaticOnes() {
        for (Resource r : Resource.values()) {
            for (AccessLevel l : List.of(AccessLevel.READ, AccessLevel.LIST, AccessLevel.WRITE)) {
                assertThat(Authorizers.manageAll().check(r, l, "x")).isEqualTo(Decision.ALLOW);
                assertThat(Authorizers.allowAll().check(r, l, "x"))
                        .isEqualTo(r == Resource.ACL ? Decision.DENY : Decision.ALLOW);
                assertThat(Authorizers.defaultAllow().check(r, l, "x"))
                        .isEqualTo(r == Resource.ACL ? Decision.DENY : Decision.ALLOW);
                assertThat(Authorizers.denyAll().check(r, l, "x")).isEqualTo(Decision.DENY);
                assertThat(Authorizers.defaultDeny().check(r, l, "x")).isEqualTo(Decision.DENY);
            }
        }
        assertThat(DefaultPolicy.ALLOW.word()).isEqualTo("allow");
        assertThat(DefaultPolicy.DENY.word()).isEqualTo("deny");
        assertThat(Arrays.stream(DownPolicy.values()).map(DownPolicy::word))
                .containsExactly("allow", "deny", "extend-cache", "async-cache");
    }

    @Test
    void builtinPoliciesGrantEverythingOrEveryRead() {
        Authorizer management = ChainedAuthorizer.of(of(BuiltinPolicies.GLOBAL_MANAGEMENT_RULES),
                DefaultPolicy.DENY.authorizer());
        Authorizer readOnly = ChainedAuthorizer.of(of(BuiltinPolicies.GLOBAL_READ_ONLY_RULES),
                DefaultPolicy.DENY.authorizer());
        for (Resource r : Resource.values()) {
            for (String name : new String[] {"x", "", null}) {
                assertThat(management.allows(r, AccessLevel.WRITE, name)).as(r.word()).isTrue();
                assertThat(management.allows(r, AccessLevel.LIST, name)).as(r.word()).isTrue();
                assertThat(readOnly.allows(r, AccessLevel.READ, name)).as(r.word()).isTrue();
                assertThat(readOnly.allows(r, AccessLevel.WRITE, name)).as(r.word()).isFalse();
            }
        }
    }

    /** The trie against the rule as written: exact, else the longest prefix, over random rules and names. */
    @Test
    void matchingAgreesWithTheNaiveRuleOnRandomRules() {
        Random random = new Random(42);
        String alphabet = "ab-/";
        for (int round = 0; round < 200; round++) {
            Map<String, AccessLevel> exact = new HashMap<>();
            Map<String, AccessLevel> prefix = new HashMap<>();
            Rules.Builder b = Rules.builder();
            for (int i = 0; i < random.nextInt(12); i++) {
                String name = word(random, alphabet, 4);
                AccessLevel level = AccessLevel.values()[random.nextInt(4)];
                if (random.nextBoolean()) {
                    b.exact(Resource.KEY, name, level);
                    exact.merge(name, level, Rules::stronger);
                } else {
                    b.prefix(Resource.KEY, name, level);
                    prefix.merge(name, level, Rules::stronger);
                }
            }
            Authorizer a = PolicyAuthorizer.of(List.of(b.build()));
            for (int i = 0; i < 30; i++) {
                String name = word(random, alphabet, 6);
                AccessLevel expected = exact.get(name);
                if (expected == null) {
                    int best = -1;
                    for (Map.Entry<String, AccessLevel> e : prefix.entrySet()) {
                        if (name.startsWith(e.getKey()) && e.getKey().length() > best) {
                            best = e.getKey().length();
                            expected = e.getValue();
                        }
                    }
                }
                Decision want = expected == null ? Decision.DEFAULT
                        : expected.satisfies(AccessLevel.LIST) ? Decision.ALLOW : Decision.DENY;
                assertThat(a.check(Resource.KEY, AccessLevel.LIST, name)).as("%s in %s / %s", name, exact, prefix)
                        .isEqualTo(want);
            }
        }
    }

    private static String word(Random random, String alphabet, int maxLength) {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Test
    void manyPrefixesAndAWideAlphabetStillMatch() {
        Rules.Builder b = Rules.builder();
        for (char c = '!'; c < '~'; c++) {
            b.prefix(Resource.SERVICE, "svc-" + c, c % 2 == 0 ? AccessLevel.WRITE : AccessLevel.READ);
        }
        b.exact(Resource.SERVICE, "svc-a", AccessLevel.DENY);
        Authorizer a = PolicyAuthorizer.of(List.of(b.build()));
        assertThat(a.check(Resource.SERVICE, AccessLevel.WRITE, "svc-b-1")).isEqualTo(Decision.ALLOW); // 'b' = 98
        assertThat(a.check(Resource.SERVICE, AccessLevel.WRITE, "svc-c-1")).isEqualTo(Decision.DENY);  // 'c' = 99
        assertThat(a.check(Resource.SERVICE, AccessLevel.READ, "svc-a")).isEqualTo(Decision.DENY);
        assertThat(a.check(Resource.SERVICE, AccessLevel.READ, "svc-ab")).isEqualTo(Decision.ALLOW);
        assertThat(a.check(Resource.SERVICE, AccessLevel.READ, "svc")).isEqualTo(Decision.DEFAULT);
    }
}
