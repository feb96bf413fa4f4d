package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token output from server-shaped JSON (consul-behavior.md §5.1, §11.9). */
class AclTokenFormatterTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** A token as a server returns it, with a non-UTC offset. */
    static final String LINKED = """
            {"AccessorID":"6a1253d2-1785-24fd-91c2-f8e78c745511","SecretID":"45a3bd52-07c7-47a4-52fd-0745e0cfe967",
             "Description":"Agent token for 'node1'",
             "Policies":[{"ID":"165d4317-e379-f732-ce70-86278c4558f7","Name":"node1-write"},
                         {"ID":"e359bd81-baca-903e-7e64-1ccd9fdc78f5","Name":"node-read"}],
             "Local":false,"CreateTime":"2018-10-24T12:25:06.921933-04:00",
             "Hash":"UuiRkOQPRCvoRZHRtUxxbrmwZ5crYrOdZ0Z1FTFbTbA=","CreateIndex":59,"ModifyIndex":61}
            """;

    /** Every kind of link, an auth method, an expiry and an enterprise namespace. */
    static final String EVERYTHING = """
            {"AccessorID":"0c3a1d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d","SecretID":"<hidden>","Description":"all kinds",
             "Namespace":"team-a",
             "Policies":[{"ID":"11111111-2222-3333-4444-555555555555","Name":"kv-read"}],
             "Roles":[{"ID":"66666666-7777-8888-9999-000000000000","Name":"ops"}],
             "ServiceIdentities":[{"ServiceName":"web","Datacenters":["dc1","dc2"]},{"ServiceName":"db"}],
             "NodeIdentities":[{"NodeName":"node-1","Datacenter":"dc1"}],
             "TemplatedPolicies":[{"TemplateName":"builtin/service","TemplateVariables":{"name":"api"},
                                   "Datacenters":["dc3"]},
                                  {"TemplateName":"builtin/dns"}],
             "Local":true,"AuthMethod":"k8s","AuthMethodNamespace":"default",
             "ExpirationTime":"2030-01-02T03:04:05Z","CreateTime":"2029-12-31T23:00:00.5Z",
             "Hash":"cG9saWN5LWhhc2g=","CreateIndex":7,"ModifyIndex":9}
            """;

    private static AclToken token(String json) throws Exception {
        return GoJson.decode(json, AclToken.class);
    }

    private static AclTokenFormatter pretty(boolean meta) {
        return AclTokenFormatter.of("pretty", meta, BERLIN);
    }

    @Test
    void prettyAlignsValuesAtColumnNineteenAndListsPolicies() throws Exception {
        assertThat(pretty(false).formatToken(token(LINKED))).isEqualTo("""
                AccessorID:       6a1253d2-1785-24fd-91c2-f8e78c745511
                SecretID:         45a3bd52-07c7-47a4-52fd-0745e0cfe967
                Description:      Agent token for 'node1'
                Local:            false
                Create Time:      2018-10-24 12:25:06.921933 -0400 -0400
                Policies:
                   165d4317-e379-f732-ce70-86278c4558f7 - node1-write
                   e359bd81-baca-903e-7e64-1ccd9fdc78f5 - node-read
                """);
    }

    @Test
    void metaAddsHexHashAndIndexes() throws Exception {
        assertThat(pretty(true).formatToken(token(LINKED))).contains("""
                Create Time:      2018-10-24 12:25:06.921933 -0400 -0400
                Hash:             52e89190e40f442be84591d1b54c716eb9b067972b62b39d67467515315b4db0
                Create Index:     59
                Modify Index:     61
                Policies:
                """);
    }

    @Test
    void prettyShowsEveryLinkKindInConsulsOrder() throws Exception {
        assertThat(pretty(false).formatToken(token(EVERYTHING))).isEqualTo("""
                AccessorID:       0c3a1d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d
                SecretID:         <hidden>
                Namespace:        team-a
                Description:      all kinds
                Local:            true
                Auth Method:      k8s (Namespace: default)
                Create Time:      2029-12-31 23:00:00.5 +0000 UTC
                Expiration Time:  2030-01-02 03:04:05 +0000 UTC
                Policies:
                   11111111-2222-3333-4444-555555555555 - kv-read
                Roles:
                   66666666-7777-8888-9999-000000000000 - ops
                Service Identities:
                   web (Datacenters: dc1, dc2)
                   db (Datacenters: all)
                Node Identities:
                   node-1 (Datacenter: dc1)
                Templated Policies:
                   builtin/service
                      Name: api
                      Datacenters: dc3
                   builtin/dns
                      Datacenters: all
                """);
    }

    @Test
    void jsonIsTheGoClientStructInItsFieldOrder() throws Exception {
        assertThat(AclTokenFormatter.of("json", false, BERLIN).formatToken(token(EVERYTHING))).isEqualTo("""
                {
                    "CreateIndex": 7,
                    "ModifyIndex": 9,
                    "AccessorID": "0c3a1d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d",
                    "SecretID": "\\u003chidden\\u003e",
                    "Description": "all kinds",
                    "Policies": [
                        {
                            "ID": "11111111-2222-3333-4444-555555555555",
                            "Name": "kv-read"
                        }
                    ],
                    "Roles": [
                        {
                            "ID": "66666666-7777-8888-9999-000000000000",
                            "Name": "ops"
                        }
                    ],
                    "ServiceIdentities": [
                        {
                            "ServiceName": "web",
                            "Datacenters": [
                                "dc1",
                                "dc2"
                            ]
                        },
                        {
                            "ServiceName": "db"
                        }
                    ],
                    "NodeIdentities": [
                        {
                            "NodeName": "node-1",
                            "Datacenter": "dc1"
                        }
                    ],
                    "TemplatedPolicies": [
                        {
                            "TemplateName": "builtin/service",
                            "TemplateVariables": {
                                "Name": "api"
                            },
                            "Datacenters": [
                                "dc3"
                            ]
                        },
                        {
                            "TemplateName": "builtin/dns"
                        }
                    ],
                    "Local": true,
                    "AuthMethod": "k8s",
                    "ExpirationTime": "2030-01-02T03:04:05Z",
                    "CreateTime": "2029-12-31T23:00:00.5Z",
                    "Hash": "cG9saWN5LWhhc2g=",
                    "Namespace": "team-a",
                    "AuthMethodNamespace": "default"
                }""");
    }

    @Test
    void jsonOmitsEmptyLinksAndKeepsTheServersOffset() throws Exception {
        String json = AclTokenFormatter.of("json", true, BERLIN).formatToken(token(LINKED));

        assertThat(json).startsWith("{\n    \"CreateIndex\": 59,\n    \"ModifyIndex\": 61,\n")
                .contains("\"CreateTime\": \"2018-10-24T12:25:06.921933-04:00\",\n")
                .doesNotContain("Roles", "ExpirationTTL", "ExpirationTime", "AuthMethod", "Namespace");
    }

    @Test
    void listEntriesAreSeparatedByOneBlankLine() throws Exception {
        List<AclTokenListEntry> entries = List.of(GoJson.decode("""
                [{"AccessorID":"00000000-0000-0000-0000-000000000002","SecretID":"anonymous",
                  "Description":"Anonymous Token","Local":false,"CreateTime":"2024-03-01T10:00:00Z",
                  "Hash":"RNVFSWnfd5DUOuB8vplp+imivlIna3fKQVnkUHh21cA=","CreateIndex":5,"ModifyIndex":5},
                 {"AccessorID":"3328f9a6-433c-02d0-6649-7d07268dfec7","SecretID":"<hidden>",
                  "Description":"Bootstrap Token (Global Management)",
                  "Policies":[{"ID":"00000000-0000-0000-0000-000000000001","Name":"global-management"}],
                  "Local":false,"CreateTime":"2024-03-01T10:00:01Z","Hash":null,"CreateIndex":12,"ModifyIndex":12}]
                """, AclTokenListEntry[].class));

        assertThat(pretty(true).formatTokenList(entries)).isEqualTo("""
                AccessorID:       00000000-0000-0000-0000-000000000002
                SecretID:         anonymous
                Description:      Anonymous Token
                Local:            false
                Create Time:      2024-03-01 10:00:00 +0000 UTC
                Hash:             44d5454969df7790d43ae07cbe9969fa29a2be52276b77ca4159e4507876d5c0
                Create Index:     5
                Modify Index:     5

                AccessorID:       3328f9a6-433c-02d0-6649-7d07268dfec7
                SecretID:         <hidden>
                Description:      Bootstrap Token (Global Management)
                Local:            false
                Create Time:      2024-03-01 10:00:01 +0000 UTC
                Hash:            \s
                Create Index:     12
                Modify Index:     12
                Policies:
                   00000000-0000-0000-0000-000000000001 - global-management
                """);
        assertThat(AclTokenFormatter.of("json", false, BERLIN).formatTokenList(entries))
                .contains("\"Hash\": \"RNVFSWnfd5DUOuB8vplp+imivlIna3fKQVnkUHh21cA=\"")
                .contains("\"Hash\": null");
    }

    @Test
    void emptyListPrintsNothingInPrettyAndAnEmptyArrayInJson() {
        assertThat(pretty(false).formatTokenList(List.of())).isEmpty();
        assertThat(AclTokenFormatter.of("json", false, BERLIN).formatTokenList(List.of())).isEqualTo("[]");
    }

    @Test
    void unknownFormatIsConsulsError() {
        assertThatThrownBy(() -> AclTokenFormatter.of("yaml", false, BERLIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Unknown format: yaml");
    }
}
