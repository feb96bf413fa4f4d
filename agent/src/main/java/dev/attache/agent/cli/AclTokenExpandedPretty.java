package dev.attache.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of {@code acl token read -expanded} below the token header, as Consul prints it: the token's policies
 * with their rules, its identities with the rules of their synthetic policies, its roles, then the authorizer
 * layers (namespace defaults when there are any, and the agent's default and down policies).
 * Nesting is by tabs.
 */
final class AclTokenExpandedPretty {
    private static final String TAB = "\t";
    private static final String TABS = "\t\t";

    private final StringBuilder b;
    private final AclTokenExpanded token;

    AclTokenExpandedPretty(StringBuilder b, AclTokenExpanded token) {
        this.b = b;
        this.token = token;
    }

    void layers() {
        AclToken t = token.token();
        if (!t.policies().isEmpty()) {
            b.append("Policies:\n");
            t.policies().forEach(link -> policy(token.expandedPolicy(link.id()), TAB));
        }
        if (!t.serviceIdentities().isEmpty()) {
            b.append("Service Identities:\n");
            t.serviceIdentities().forEach(s -> serviceIdentity(s, TAB));
        }
        if (!t.nodeIdentities().isEmpty()) {
            b.append("Node Identities:\n");
            t.nodeIdentities().forEach(n -> nodeIdentity(n, TAB));
        }
        if (!t.templatedPolicies().isEmpty()) {
            b.append("Templated Policies:\n");
            t.templatedPolicies().forEach(tp -> templatedPolicy(tp, TAB));
        }
        if (!t.roles().isEmpty()) {
            b.append("Roles:\n");
            t.roles().forEach(link -> role(expandedRole(link.id()), TAB));
        }
        b.append("=== End of Authorizer Layer 0: Token ===\n");
        if (!empty(token.namespaceDefaultPolicyIds()) || !empty(token.namespaceDefaultRoleIds())) {
            String layer = "Authorizer Layer 1: Token Namespace\u2019s Defaults (Inherited) ===\n";
            b.append("=== Start of ").append(layer);
            b.append("Description: ACL Roles inherited by all Tokens in Namespace ")
                    .append(GoQuote.quote(t.namespace())).append("\n\n");
            b.append("Namespace Policy Defaults:\n");
            orEmpty(token.namespaceDefaultPolicyIds()).forEach(id -> policy(token.expandedPolicy(id), TAB));
            b.append("Namespace Role Defaults:\n");
            orEmpty(token.namespaceDefaultRoleIds()).forEach(id -> role(expandedRole(id), TAB));
            b.append("=== End of ").append(layer);
        }
        b.append("=== Start of Authorizer Layer 2: Agent Configuration Defaults (Inherited) ===\n");
        b.append("Description: Defined at request-time by the agent that resolves the ACL token; other agents may "
                + "have different configuration defaults\n");
        b.append("Resolved By Agent: ").append(GoQuote.quote(token.resolvedByAgent())).append("\n\n");
        b.append("Default Policy: ").append(token.agentAclDefaultPolicy()).append('\n');
        b.append(TAB).append("Description: Backstop rule used if no preceding layer has a matching rule (refer to "
                + "default_policy option in agent configuration)\n\n");
        b.append("Down Policy: ").append(token.agentAclDownPolicy()).append('\n');
        b.append(TAB).append("Description: Defines what to do if this Token's information cannot be read from the "
                + "primary_datacenter (refer to down_policy option in agent configuration)\n\n");
    }

    private void policy(AclPolicy p, String indent) {
        b.append(indent).append("Policy Name: ").append(p.name()).append('\n');
        b.append(indent).append(TAB).append("ID: ").append(p.id()).append('\n');
        b.append(indent).append(TAB).append("Description: ").append(p.description()).append('\n');
        b.append(indent).append(TAB).append("Rules:\n");
        b.append(indent).append(TABS).append(p.rules().replace("\n", "\n" + indent + TABS)).append("\n\n");
    }

    private void serviceIdentity(AclServiceIdentity s, String indent) {
        b.append(indent).append("Name: ").append(s.serviceName()).append(" (Datacenters: ")
                .append(AclTokenFormatter.datacenters(s.datacenters())).append(")\n");
        synthetic(AclSyntheticPolicies.SERVICE, s.serviceName(), indent);
    }

    private void nodeIdentity(AclNodeIdentity n, String indent) {
        b.append(indent).append("Name: ").append(n.nodeName()).append(" (Datacenter: ").append(n.datacenter())
                .append(")\n");
        synthetic(AclSyntheticPolicies.NODE, n.nodeName(), indent);
    }

    private void templatedPolicy(AclTemplatedPolicy tp, String indent) {
        b.append(indent).append(tp.templateName()).append('\n');
        if (!tp.variableName().isEmpty()) {
            b.append(indent).append(TAB).append("Name: ").append(tp.variableName()).append('\n');
        }
        b.append(indent).append(TAB).append("Datacenters: ").append(AclTokenFormatter.datacenters(tp.datacenters()))
                .append('\n');
        synthetic(tp.templateName(), tp.variableName(), indent);
    }

    private void synthetic(String templateName, String name, String indent) {
        b.append(indent).append(TAB).append("Description: ").append(AclSyntheticPolicies.description(templateName))
                .append('\n');
        b.append(indent).append(TAB).append("Rules:")
                .append(AclSyntheticPolicies.rules(templateName, name).replace("\n", "\n" + indent + TABS))
                .append("\n\n");
    }

    /** A role as the expanded read returned it; roles are not modelled, their JSON is read field by field. */
    private void role(JsonNode role, String indent) {
        b.append(indent).append("Role Name: ").append(role.path("Name").asText("")).append('\n');
        b.append(indent).append(TAB).append("ID: ").append(role.path("ID").asText("")).append('\n');
        b.append(indent).append(TAB).append("Description: ").append(role.path("Description").asText("")).append('\n');
        List<JsonNode> policies = elements(role.path("Policies"));
        if (!policies.isEmpty()) {
            b.append(indent).append(TAB).append("Policies:\n");
            policies.forEach(link -> policy(token.expandedPolicy(link.path("ID").asText("")), indent + TABS));
        }
        List<JsonNode> services = elements(role.path("ServiceIdentities"));
        if (!services.isEmpty()) {
            b.append(indent).append(TAB).append("Service Identities:\n");
            services.forEach(s -> serviceIdentity(new AclServiceIdentity(s.path("ServiceName").asText(""),
                    elements(s.path("Datacenters")).stream().map(dc -> dc.asText("")).toList()), indent + TABS));
        }
        List<JsonNode> nodes = elements(role.path("NodeIdentities"));
        if (!nodes.isEmpty()) {
            b.append(indent).append(TAB).append("Node Identities:\n");
            nodes.forEach(n -> nodeIdentity(new AclNodeIdentity(n.path("NodeName").asText(""),
                    n.path("Datacenter").asText("")), indent + TABS));
        }
    }

    private JsonNode expandedRole(String id) {
        for (JsonNode role : orEmpty(token.expandedRoles())) {
            if (role.path("ID").asText("").equals(id)) {
                return role;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static boolean empty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
