package dev.attache.acl.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.Authorizer;
import dev.attache.acl.PolicyAuthorizer;
import dev.attache.acl.Resource;
import dev.attache.acl.state.AclHashes;
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.ServiceIdentity;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticPoliciesTest {
    /** The rules texts Consul prints for its builtin/service and builtin/node templates (tab-indented). */
    static final String WEB_RULES = "\nservice \"web\" {\n\tpolicy = \"write\"\n}\nservice \"web-sidecar-proxy\" {\n"
            + "\tpolicy = \"write\"\n}\nservice_prefix \"\" {\n\tpolicy = \"read\"\n}\nnode_prefix \"\" {\n"
            + "\tpolicy = \"read\"\n}";
    static final String N1_RULES = "\nnode \"n1\" {\n\tpolicy = \"write\"\n}\nservice_prefix \"\" {\n"
            + "\tpolicy = \"read\"\n}";

    private static AclToken token(List<ServiceIdentity> services, List<NodeIdentity> nodes) {
        return new AclToken("a", "s", "", List.of(), List.of(), services, nodes, false, "", null, null, "", 1, 1);
    }

    @Test
    void aServiceIdentityIsConsulsBuiltinServicePolicy() {
        SyntheticPolicies.Synthetic s = SyntheticPolicies.of(new ServiceIdentity("web", List.of("dc2")));
        AclPolicy p = s.policy();
        assertThat(p.rules()).isEqualTo(WEB_RULES);
        // Go: fmt.Sprintf("%x", fnv.New128a().Sum([]byte(rules))): the rules bytes, then the digest of nothing
        String expectedId = HexFormat.of().formatHex(WEB_RULES.getBytes(StandardCharsets.UTF_8))
                + "6c62272e07bb014262b821756295c58d";
        assertThat(p.id()).isEqualTo(expectedId);
        assertThat(p.name()).isEqualTo("synthetic-policy-" + expectedId);
        assertThat(p.description()).isEqualTo("synthetic policy generated from templated policy: builtin/service");
        assertThat(p.datacenters()).containsExactly("dc2");
        assertThat(p.hash()).isEqualTo(AclHashes.policyHash(p.name(), p.description(), p.rules(), List.of("dc2")));
        assertThat(s.rules()).isEqualTo(RulesParser.parse(p.rules()));
        assertThat(s.appliesIn("dc2")).isTrue();
        assertThat(s.appliesIn("dc1")).isFalse();
    }

    @Test
    void aServiceIdentityWithoutDatacentersAppliesEverywhere() {
        SyntheticPolicies.Synthetic s = SyntheticPolicies.of(new ServiceIdentity("web", List.of()));
        assertThat(s.policy().datacenters()).isEmpty();
        assertThat(s.appliesIn("anywhere")).isTrue();
        Authorizer a = PolicyAuthorizer.of(List.of(s.rules()));
        assertThat(a.allows(Resource.SERVICE, AccessLevel.WRITE, "web")).isTrue();
        assertThat(a.allows(Resource.SERVICE, AccessLevel.WRITE, "web-sidecar-proxy")).isTrue();
        assertThat(a.allows(Resource.SERVICE, AccessLevel.WRITE, "web2")).isFalse();
        assertThat(a.allows(Resource.SERVICE, AccessLevel.READ, "db")).isTrue();
        assertThat(a.allows(Resource.NODE, AccessLevel.READ, "n")).isTrue();
        assertThat(a.allows(Resource.NODE, AccessLevel.WRITE, "n")).isFalse();
        assertThat(a.allows(Resource.INTENTION, AccessLevel.READ, "web")).isTrue(); // derived from write
    }

    @Test
    void aNodeIdentityIsConsulsBuiltinNodePolicyInItsDatacenterOnly() {
        SyntheticPolicies.Synthetic s = SyntheticPolicies.of(new NodeIdentity("n1", "dc1"));
        assertThat(s.policy().rules()).isEqualTo(N1_RULES);
        assertThat(s.policy().description()).isEqualTo("synthetic policy generated from templated policy: builtin/node");
        assertThat(s.policy().name()).startsWith("synthetic-policy-").endsWith(s.policy().id());
        assertThat(s.policy().datacenters()).containsExactly("dc1");
        assertThat(s.appliesIn("dc1")).isTrue();
        assertThat(s.appliesIn("dc2")).isFalse();
        assertThat(s.rules()).isEqualTo(RulesParser.parse(N1_RULES));
        Authorizer a = PolicyAuthorizer.of(List.of(s.rules()));
        assertThat(a.allows(Resource.NODE, AccessLevel.WRITE, "n1")).isTrue();
        assertThat(a.allows(Resource.NODE, AccessLevel.READ, "n2")).isFalse();
        assertThat(a.allows(Resource.SERVICE, AccessLevel.READ, "x")).isTrue();
    }

    @Test
    void aTokensSyntheticPoliciesComeServicesFirstInTokenOrder() {
        AclToken t = token(List.of(new ServiceIdentity("b", List.of()), new ServiceIdentity("a", List.of())),
                List.of(new NodeIdentity("n1", "dc1")));
        assertThat(SyntheticPolicies.forToken(t)).extracting(s -> s.policy().rules())
                .containsExactly(SyntheticPolicies.serviceRules("b"), SyntheticPolicies.serviceRules("a"), N1_RULES);
        assertThat(SyntheticPolicies.of(t)).extracting(AclPolicy::rules)
                .containsExactly(SyntheticPolicies.serviceRules("b"), SyntheticPolicies.serviceRules("a"), N1_RULES);
        assertThat(SyntheticPolicies.forToken(token(List.of(), List.of()))).isEmpty();
    }
}
