package dev.attache.agent.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A token read with {@code ?expanded}, as the Go client's {@code api.ACLTokenExpanded}: the expansion fields first,
 * then the embedded token's fields (Go flattens an embedded struct). Roles are not served by Attaché's agent and
 * are kept as they arrive. Lists stay {@code null} when absent, as Go prints them.
 */
record AclTokenExpanded(
        @JsonProperty("ExpandedPolicies") List<AclPolicy> expandedPolicies,
        @JsonProperty("ExpandedRoles") List<JsonNode> expandedRoles,
        @JsonProperty("NamespaceDefaultPolicyIDs") List<String> namespaceDefaultPolicyIds,
        @JsonProperty("NamespaceDefaultRoleIDs") List<String> namespaceDefaultRoleIds,
        @JsonProperty("AgentACLDefaultPolicy") String agentAclDefaultPolicy,
        @JsonProperty("AgentACLDownPolicy") String agentAclDownPolicy,
        @JsonProperty("ResolvedByAgent") String resolvedByAgent,
        @JsonUnwrapped AclToken token) {

    /** The expansion fields alone, decoded from the same body as the token. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Expansion(
            @JsonProperty("ExpandedPolicies") List<AclPolicy> expandedPolicies,
            @JsonProperty("ExpandedRoles") List<JsonNode> expandedRoles,
            @JsonProperty("NamespaceDefaultPolicyIDs") List<String> namespaceDefaultPolicyIds,
            @JsonProperty("NamespaceDefaultRoleIDs") List<String> namespaceDefaultRoleIds,
            @JsonProperty("AgentACLDefaultPolicy") String agentAclDefaultPolicy,
            @JsonProperty("AgentACLDownPolicy") String agentAclDownPolicy,
            @JsonProperty("ResolvedByAgent") String resolvedByAgent) {
        static final Expansion EMPTY = new Expansion(null, null, null, null, "", "", "");
    }

    AclTokenExpanded(Expansion e, AclToken token) {
        this(e.expandedPolicies(), e.expandedRoles(), e.namespaceDefaultPolicyIds(), e.namespaceDefaultRoleIds(),
                AclToken.orEmpty(e.agentAclDefaultPolicy()), AclToken.orEmpty(e.agentAclDownPolicy()),
                AclToken.orEmpty(e.resolvedByAgent()), token);
    }

    /** The policy an expanded read returned for this ID, or Go's zero policy when it returned none. */
    AclPolicy expandedPolicy(String id) {
        if (expandedPolicies != null) {
            for (AclPolicy p : expandedPolicies) {
                if (p.id().equals(id)) {
                    return p;
                }
            }
        }
        return AclPolicy.EMPTY;
    }
}
