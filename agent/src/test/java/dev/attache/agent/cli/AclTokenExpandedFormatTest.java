package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** {@code acl token read -expanded} output from a server-shaped {@code ?expanded} body (consul-behavior.md §4.3). */
class AclTokenExpandedFormatTest {
    private static final String BODY = """
            {"ExpandedPolicies":[{"ID":"11111111-2222-3333-4444-555555555555","Name":"kv-read",
               "Description":"Read the KV store","Rules":"key_prefix \\"\\" {\\n  policy = \\"read\\"\\n}",
               "Hash":"cG9saWN5LWhhc2g=","CreateIndex":3,"ModifyIndex":3}],
             "ExpandedRoles":null,"NamespaceDefaultPolicyIDs":null,"NamespaceDefaultRoleIDs":null,
             "AgentACLDefaultPolicy":"deny","AgentACLDownPolicy":"extend-cache","ResolvedByAgent":"server-1",
             "AccessorID":"0c3a1d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d","SecretID":"9b0f6c36-7a3e-4a36-9c55-2d0ee4e4d1aa",
             "Description":"web agent","Policies":[{"ID":"11111111-2222-3333-4444-555555555555","Name":"kv-read"}],
             "ServiceIdentities":[{"ServiceName":"web"}],"NodeIdentities":[{"NodeName":"node-1","Datacenter":"dc1"}],
             "Local":false,"CreateTime":"2024-03-01T10:00:00Z","Hash":"cG9saWN5LWhhc2g=","CreateIndex":20,
             "ModifyIndex":21}
            """;

    private static AclTokenExpanded expanded() throws Exception {
        return new AclTokenExpanded(GoJson.decode(BODY, AclTokenExpanded.Expansion.class),
                GoJson.decode(BODY, AclToken.class));
    }

    @Test
    void prettyShowsPoliciesIdentitiesWithSyntheticRulesAndTheLayers() throws Exception {
        String out = AclTokenFormatter.of("pretty", false, ZoneId.of("UTC")).formatTokenExpanded(expanded());

        assertThat(out).isEqualTo("""
                AccessorID:       0c3a1d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d
                SecretID:         9b0f6c36-7a3e-4a36-9c55-2d0ee4e4d1aa
                Description:      web agent
                Local:            false
                Create Time:      2024-03-01 10:00:00 +0000 UTC
                Policies:
                \tPolicy Name: kv-read
                \t\tID: 11111111-2222-3333-4444-555555555555
                \t\tDescription: Read the KV store
                \t\tRules:
                \t\t\tkey_prefix "" {
                \t\t\t  policy = "read"
                \t\t\t}

                Service Identities:
                \tName: web (Datacenters: all)
                \t\tDescription: synthetic policy generated from templated policy: builtin/service
                \t\tRules:
                \t\t\tservice "web" {
                \t\t\t\tpolicy = "write"
                \t\t\t}
                \t\t\tservice "web-sidecar-proxy" {
                \t\t\t\tpolicy = "write"
                \t\t\t}
                \t\t\tservice_prefix "" {
                \t\t\t\tpolicy = "read"
                \t\t\t}
                \t\t\tnode_prefix "" {
                \t\t\t\tpolicy = "read"
                \t\t\t}

                Node Identities:
                \tName: node-1 (Datacenter: dc1)
                \t\tDescription: synthetic policy generated from templated policy: builtin/node
                \t\tRules:
                \t\t\tnode "node-1" {
                \t\t\t\tpolicy = "write"
                \t\t\t}
                \t\t\tservice_prefix "" {
                \t\t\t\tpolicy = "read"
                \t\t\t}

                === End of Authorizer Layer 0: Token ===
                === Start of Authorizer Layer 2: Agent Configuration Defaults (Inherited) ===
                Description: Defined at request-time by the agent that resolves the ACL token; other agents may \
                have different configuration defaults
                Resolved By Agent: "server-1"

                Default Policy: deny
                \tDescription: Backstop rule used if no preceding layer has a matching rule (refer to default_policy \
                option in agent configuration)

                Down Policy: extend-cache
                \tDescription: Defines what to do if this Token's information cannot be read from the \
                primary_datacenter (refer to down_policy option in agent configuration)

                """);
    }

    @Test
    void jsonPutsTheExpansionBeforeTheTokensFields() throws Exception {
        String out = AclTokenFormatter.of("json", false, ZoneId.of("UTC")).formatTokenExpanded(expanded());

        assertThat(out).startsWith("""
                {
                    "ExpandedPolicies": [
                        {
                            "ID": "11111111-2222-3333-4444-555555555555",
                            "Name": "kv-read",
                            "Description": "Read the KV store",
                            "Rules": "key_prefix \\"\\" {\\n  policy = \\"read\\"\\n}",
                            "Datacenters": null,
                            "Hash": "cG9saWN5LWhhc2g=",
                            "CreateIndex": 3,
                            "ModifyIndex": 3
                        }
                    ],
                    "ExpandedRoles": null,
                    "NamespaceDefaultPolicyIDs": null,
                    "NamespaceDefaultRoleIDs": null,
                    "AgentACLDefaultPolicy": "deny",
                    "AgentACLDownPolicy": "extend-cache",
                    "ResolvedByAgent": "server-1",
                    "CreateIndex": 20,
                    "ModifyIndex": 21,
                    "AccessorID": "0c3a1d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d",
                """).endsWith("""
                    "Hash": "cG9saWN5LWhhc2g="
                }""");
    }

    @Test
    void aLinkWithoutItsExpandedPolicyShowsGosEmptyPolicy() throws Exception {
        AclToken token = AclToken.builder().addPolicy(new AclLink("deleted-id", "gone")).build();
        AclTokenExpanded e = new AclTokenExpanded(AclTokenExpanded.Expansion.EMPTY, token);

        assertThat(AclTokenFormatter.of("pretty", false, ZoneId.of("UTC")).formatTokenExpanded(e))
                .contains("Policies:\n\tPolicy Name: \n\t\tID: \n\t\tDescription: \n\t\tRules:\n\t\t\t\n\n"
                        + "=== End of Authorizer Layer 0: Token ===\n");
    }
}
