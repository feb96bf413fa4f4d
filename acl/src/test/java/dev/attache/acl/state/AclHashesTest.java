package dev.attache.acl.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclHashesTest {

    private static AclToken token(String description, boolean local, List<PolicyLink> policies) {
        return new AclToken("a", "s", description, policies, List.of(), List.of(), List.of(), local, "", null,
                null, "", 0, 0);
    }

    @Test
    void anonymousTokenHashMatchesConsul() {
        assertThat(AclHashes.tokenHash(token("Anonymous Token", false, List.of())))
                .isEqualTo("RNVFSWnfd5DUOuB8vplp+imivlIna3fKQVnkUHh21cA=");
    }

    @Test
    void bootstrapTokenHashMatchesConsul() {
        assertThat(AclHashes.tokenHash(token("Bootstrap Token (Global Management)", false,
                List.of(PolicyLink.ofId(AclPolicy.GLOBAL_MANAGEMENT_ID)))))
                .isEqualTo("X2AgaFhnQGRhSSF/h0m6qpX1wj/HJWbyXcxkEM/5GrY=");
    }

    @Test
    void tokenHashIgnoresIdsTimesIndexesAndLinkNames() {
        AclToken a = token("d", false, List.of(new PolicyLink("p1", "name-a")));
        AclToken b = new AclToken("other", "other", "d", List.of(new PolicyLink("p1", "name-b")), List.of(),
                List.of(), List.of(), false, "method", java.time.Instant.EPOCH, java.time.Instant.EPOCH, "x", 5, 9);
        assertThat(AclHashes.tokenHash(a)).isEqualTo(AclHashes.tokenHash(b));
    }

    @Test
    void tokenHashCoversLocalityAndIdentities() {
        AclToken plain = token("d", false, List.of());
        AclToken local = token("d", true, List.of());
        AclToken withService = new AclToken("a", "s", "d", List.of(), List.of(),
                List.of(new ServiceIdentity("web", List.of("dc1"))), List.of(), false, "", null, null, "", 0, 0);
        AclToken withNode = new AclToken("a", "s", "d", List.of(), List.of(), List.of(),
                List.of(new NodeIdentity("n1", "dc1")), false, "", null, null, "", 0, 0);
        assertThat(List.of(AclHashes.tokenHash(plain), AclHashes.tokenHash(local), AclHashes.tokenHash(withService),
                AclHashes.tokenHash(withNode))).doesNotHaveDuplicates();
    }

    @Test
    void builtinPolicyHashesMatchTheSpecValues() {
        assertThat(BuiltinPolicies.definition(AclPolicy.GLOBAL_MANAGEMENT_ID).orElseThrow().hash())
                .isEqualTo("+TzVGrd3uSVx3Bl8FV5O0BsKc1idAee6ZpEw9WDfaW8=");
        assertThat(BuiltinPolicies.definition(AclPolicy.GLOBAL_READ_ONLY_ID).orElseThrow().hash())
                .isEqualTo("4jtyawyzzig+Ys5HfPI91O3UHLHiXtPlNG7aHEmlesk=");
    }

    @Test
    void builtinRulesTextIsConsulsTemplate() {
        assertThat(BuiltinPolicies.GLOBAL_MANAGEMENT_RULES)
                .startsWith("\nacl = \"write\"\nagent_prefix \"\" {\n\tpolicy = \"write\"\n}\n")
                .contains("service_prefix \"\" {\n\tpolicy = \"write\"\n\tintentions = \"write\"\n}\n")
                .endsWith("session_prefix \"\" {\n\tpolicy = \"write\"\n}");
        assertThat(BuiltinPolicies.GLOBAL_READ_ONLY_RULES)
                .isEqualTo(BuiltinPolicies.GLOBAL_MANAGEMENT_RULES.replace("write", "read"));
    }

    @Test
    void policyHashCoversDatacenters() {
        assertThat(AclHashes.policyHash("n", "d", "r", List.of("dc1")))
                .isNotEqualTo(AclHashes.policyHash("n", "d", "r", List.of()));
    }
}
