package dev.attache.api.acl;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.attache.acl.rules.SyntheticPolicies;
import dev.attache.acl.state.AclState;
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/acl/token/<accessor>?expanded}: the token's fields, then Consul's {@code ExpandedTokenInfo} (its
 * server struct embeds the token first). {@code ExpandedPolicies} holds the linked policies and the synthetic
 * policies of the token's service and node identities as full objects; there are no roles and no namespaces, so
 * {@code ExpandedRoles} and the namespace defaults are {@code null}, as Consul's Community Edition answers.
 */
public record AclTokenExpandedJson(
        @JsonUnwrapped AclTokenJson token,
        @JsonProperty("ExpandedPolicies") List<AclPolicyJson> expandedPolicies,
        @JsonProperty("ExpandedRoles") List<Object> expandedRoles,
        @JsonProperty("NamespaceDefaultPolicyIDs") List<String> namespaceDefaultPolicyIds,
        @JsonProperty("NamespaceDefaultRoleIDs") List<String> namespaceDefaultRoleIds,
        @JsonProperty("AgentACLDefaultPolicy") String agentAclDefaultPolicy,
        @JsonProperty("AgentACLDownPolicy") String agentAclDownPolicy,
        @JsonProperty("ResolvedByAgent") String resolvedByAgent) {

    static AclTokenExpandedJson from(AclToken t, AclState state, boolean showSecret, AclEndpointConfig config) {
        List<AclPolicyJson> policies = new ArrayList<>();
        for (AclPolicy p : state.linkedPolicies(t)) {
            policies.add(AclPolicyJson.from(p));
        }
        for (AclPolicy p : SyntheticPolicies.of(t)) {
            policies.add(AclPolicyJson.from(p));
        }
        return new AclTokenExpandedJson(AclTokenJson.from(t, state, showSecret), policies.isEmpty() ? null : policies,
                null, null, null, config.defaultPolicy(), config.downPolicy(), config.nodeName());
    }
}
