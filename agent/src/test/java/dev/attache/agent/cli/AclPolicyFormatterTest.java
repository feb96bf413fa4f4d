package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Policy output from server-shaped JSON (consul-behavior.md §4.9). */
class AclPolicyFormatterTest {
    private static final String POLICY = """
            {"ID":"e359bd81-baca-903e-7e64-1ccd9fdc78f5","Name":"node-read","Description":"Read nodes",
             "Rules":"node_prefix \\"\\" {\\n  policy = \\"read\\"\\n}","Datacenters":["dc1","dc2"],
             "Hash":"cG9saWN5LWhhc2g=","CreateIndex":14,"ModifyIndex":15}
            """;

    private static AclPolicy policy() throws Exception {
        return GoJson.decode(POLICY, AclPolicy.class);
    }

    @Test
    void prettyEndsWithTheRulesAsWritten() throws Exception {
        assertThat(AclPolicyFormatter.of("pretty", false).formatPolicy(policy())).isEqualTo("""
                ID:           e359bd81-baca-903e-7e64-1ccd9fdc78f5
                Name:         node-read
                Description:  Read nodes
                Datacenters:  dc1, dc2
                Rules:
                node_prefix "" {
                  policy = "read"
                }""");
    }

    @Test
    void metaAddsHexHashAndIndexesBeforeTheRules() throws Exception {
        assertThat(AclPolicyFormatter.of("pretty", true).formatPolicy(policy())).contains("""
                Datacenters:  dc1, dc2
                Hash:         706f6c6963792d68617368
                Create Index: 14
                Modify Index: 15
                Rules:
                """);
    }

    @Test
    void listEntriesAreHeadedByNameWithoutBlankLines() throws Exception {
        List<AclPolicyListEntry> entries = List.of(GoJson.decode("""
                [{"ID":"00000000-0000-0000-0000-000000000001","Name":"global-management",
                  "Description":"Builtin Policy","Datacenters":null,"Hash":"cG9saWN5LWhhc2g=",
                  "CreateIndex":4,"ModifyIndex":4},
                 {"ID":"e359bd81-baca-903e-7e64-1ccd9fdc78f5","Name":"node-read","Description":"",
                  "Datacenters":["dc1"],"Hash":"cG9saWN5LWhhc2g=","CreateIndex":14,"ModifyIndex":15}]
                """, AclPolicyListEntry[].class));

        assertThat(AclPolicyFormatter.of("pretty", false).formatPolicyList(entries)).isEqualTo("""
                global-management:
                   ID:           00000000-0000-0000-0000-000000000001
                   Description:  Builtin Policy
                   Datacenters: \s
                node-read:
                   ID:           e359bd81-baca-903e-7e64-1ccd9fdc78f5
                   Description: \s
                   Datacenters:  dc1
                """);
    }

    @Test
    void jsonKeepsNullDatacentersAndHashAsGoPrintsNilSlices() {
        AclPolicy p = AclPolicy.request("", "web", "", "", null);

        assertThat(AclPolicyFormatter.of("json", false).formatPolicy(p)).isEqualTo("""
                {
                    "ID": "",
                    "Name": "web",
                    "Description": "",
                    "Rules": "",
                    "Datacenters": null,
                    "Hash": null,
                    "CreateIndex": 0,
                    "ModifyIndex": 0
                }""");
    }
}
