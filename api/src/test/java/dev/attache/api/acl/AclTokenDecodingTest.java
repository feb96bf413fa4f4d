package dev.attache.api.acl;

import static dev.attache.api.acl.AclTestServer.MGMT_SECRET;
import static dev.attache.api.acl.AclTestServer.NOBODY_ACCESSOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.PolicySpec;
import dev.attache.acl.token.AclToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How token bodies are decoded: Go's strictness and texts, TTLs and times, links, the Enterprise 400s. */
class AclTokenDecodingTest {
    static final String POLICY_ID = "3c1e2a4b-1111-4222-8333-444455556666";

    private AclTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = AclTestServer.start();
        server.apply(new AclCommand.PolicyCreate(POLICY_ID, new PolicySpec("node-read", "", "", List.of())));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private AclToken stored(AclTestServer.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return server.replication.state().token(r.json().get("AccessorID").asText()).orElseThrow();
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("empty body", null, "Token decoding failed: EOF"),
                Arguments.of("blank body", "  \n", "Token decoding failed: EOF"),
                Arguments.of("legacy field", "{\"Name\":\"x\"}", "Token decoding failed: json: unknown field \"Name\""),
                Arguments.of("namespace field", "{\"Namespace\":\"ns1\"}", "Token decoding failed: json: unknown "
                        + "field \"Namespace\" - Namespaces are a Consul Enterprise feature"),
                Arguments.of("partition field", "{\"Partition\":\"p1\"}",
                        "Token decoding failed: json: unknown field \"Partition\""),
                Arguments.of("unknown field in a link", "{\"Policies\":[{\"ID\":\"x\",\"Weight\":1}]}",
                        "Token decoding failed: json: unknown field \"Weight\""),
                Arguments.of("bad TTL", "{\"ExpirationTTL\":\"abc\"}",
                        "Token decoding failed: time: invalid duration \"abc\""),
                Arguments.of("TTL without unit", "{\"ExpirationTTL\":\"10\"}",
                        "Token decoding failed: time: missing unit in duration \"10\""),
                Arguments.of("TTL with unknown unit", "{\"ExpirationTTL\":\"10d\"}",
                        "Token decoding failed: time: unknown unit \"d\" in duration \"10d\""),
                Arguments.of("bad expiration time", "{\"ExpirationTime\":\"tomorrow\"}",
                        "Token decoding failed: parsing time \"tomorrow\" as \"2006-01-02T15:04:05Z07:00\": "
                                + "cannot parse \"tomorrow\" as \"2006\""),
                Arguments.of("expiration time not a string", "{\"ExpirationTime\":5}",
                        "Token decoding failed: Time.UnmarshalJSON: input is not a JSON string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodiesAre400WithGosDecodeText(String name, String body, String message) {
        AclTestServer.Reply create = server.put("/v1/acl/token", MGMT_SECRET, body);
        assertThat(create.status()).isEqualTo(400);
        assertThat(create.body()).isEqualTo(message);
        AclTestServer.Reply update = server.put("/v1/acl/token/" + NOBODY_ACCESSOR, MGMT_SECRET, body);
        assertThat(update.status()).isEqualTo(400);
        assertThat(update.body()).isEqualTo(message);
    }

    @Test
    void wrongJsonTypesAre400() {
        AclTestServer.Reply local = server.put("/v1/acl/token", MGMT_SECRET, "{\"Local\":\"true\"}");
        assertThat(local.status()).isEqualTo(400);
        assertThat(local.body()).startsWith("Token decoding failed: ");
        AclTestServer.Reply policies = server.put("/v1/acl/token", MGMT_SECRET, "{\"Policies\":\"node-read\"}");
        assertThat(policies.status()).isEqualTo(400);
    }

    static Stream<Arguments> enterpriseParameters() {
        return Stream.of(
                Arguments.of(Map.of("X-Consul-Namespace", "ns1"), "",
                        "Invalid header: \"X-Consul-Namespace\" - Namespaces are a Consul Enterprise feature"),
                Arguments.of(Map.of(), "?ns=ns1",
                        "Invalid query parameter: \"ns\" - Namespaces are a Consul Enterprise feature"),
                Arguments.of(Map.of("X-Consul-Partition", "p1"), "",
                        "Invalid header: \"X-Consul-Partition\" - Partitions are a Consul Enterprise feature"),
                Arguments.of(Map.of(), "?partition=p1",
                        "Invalid query parameter: \"partition\" - Partitions are a Consul Enterprise feature"));
    }

    @ParameterizedTest
    @MethodSource("enterpriseParameters")
    void enterpriseHeadersAndParametersAre400OnEveryAclEndpoint(Map<String, String> headers, String query,
                                                                 String message) {
        List<String[]> calls = List.of(
                new String[] {"PUT", "/v1/acl/token", "{}"},
                new String[] {"PUT", "/v1/acl/token/" + NOBODY_ACCESSOR, "{}"},
                new String[] {"PUT", "/v1/acl/token/" + NOBODY_ACCESSOR + "/clone", "{}"},
                new String[] {"GET", "/v1/acl/token/" + NOBODY_ACCESSOR, null},
                new String[] {"GET", "/v1/acl/token/self", null},
                new String[] {"DELETE", "/v1/acl/token/" + NOBODY_ACCESSOR, null},
                new String[] {"GET", "/v1/acl/tokens", null},
                new String[] {"PUT", "/v1/acl/policy", "{\"Name\":\"x\"}"},
                new String[] {"PUT", "/v1/acl/policy/" + POLICY_ID, "{\"Name\":\"x\"}"},
                new String[] {"GET", "/v1/acl/policy/" + POLICY_ID, null},
                new String[] {"GET", "/v1/acl/policy/name/node-read", null},
                new String[] {"DELETE", "/v1/acl/policy/" + POLICY_ID, null},
                new String[] {"GET", "/v1/acl/policies", null});
        for (String[] call : calls) {
            AclTestServer.Reply r = server.send(call[0], call[1] + query, MGMT_SECRET, call[2], headers);
            assertThat(r.status()).as(call[0] + " " + call[1]).isEqualTo(400);
            assertThat(r.body()).as(call[0] + " " + call[1]).isEqualTo(message);
        }
        assertThat(server.replication.state().token(NOBODY_ACCESSOR)).isPresent();
        assertThat(server.replication.state().policy(POLICY_ID)).isPresent();
    }

    @Test
    void emptyEnterpriseValuesAreIgnored() {
        AclTestServer.Reply r = server.send("GET", "/v1/acl/tokens?ns=&partition=", MGMT_SECRET, null,
                Map.of("X-Consul-Namespace", ""));
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void ttlAsADurationStringSetsTheExpirationFromCreateTime() {
        AclToken t = stored(server.put("/v1/acl/token", MGMT_SECRET, "{\"ExpirationTTL\":\"1h30m\"}"));
        assertThat(Duration.between(t.createTime(), t.expirationTime())).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void ttlAsANumberIsNanoseconds() {
        AclTestServer.Reply r = server.put("/v1/acl/token", MGMT_SECRET, "{\"ExpirationTTL\":600000000000}");
        AclToken t = stored(r);
        assertThat(Duration.between(t.createTime(), t.expirationTime())).isEqualTo(Duration.ofMinutes(10));
        assertThat(r.json().has("ExpirationTTL")).isFalse();
        assertThat(r.json().get("ExpirationTime").asText()).isNotEmpty();
    }

    @Test
    void ttlOfAnotherJsonTypeIsIgnoredAsInConsul() {
        AclToken t = stored(server.put("/v1/acl/token", MGMT_SECRET, "{\"ExpirationTTL\":true}"));
        assertThat(t.expirationTime()).isNull();
    }

    @Test
    void expirationTimeIsRfc3339() {
        Instant at = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .plusNanos(123_456_789);
        String text = at.atOffset(java.time.ZoneOffset.ofHours(-4)).toString();
        AclTestServer.Reply r = server.put("/v1/acl/token", MGMT_SECRET, "{\"ExpirationTime\":\"" + text + "\"}");
        assertThat(stored(r).expirationTime()).isEqualTo(at);
        assertThat(r.json().get("ExpirationTime").asText()).contains(".123456789");
    }

    @Test
    void expirationValidationIsTheStateMachines() {
        AclTestServer.Reply both = server.put("/v1/acl/token", MGMT_SECRET, "{\"ExpirationTTL\":\"1h\","
                + "\"ExpirationTime\":\"" + Instant.now().plus(Duration.ofHours(2)) + "\"}");
        assertThat(both.status()).isEqualTo(500);
        assertThat(both.body()).isEqualTo("Token Expiration TTL and Expiration Time cannot both be set");
        AclTestServer.Reply negative = server.put("/v1/acl/token", MGMT_SECRET, "{\"ExpirationTTL\":\"-1m\"}");
        assertThat(negative.status()).isEqualTo(500);
        assertThat(negative.body()).isEqualTo("Token Expiration TTL '-1m0s' should be > 0");
    }

    @Test
    void policyLinksAcceptIdOrNameWithNulls() { // client-compat #13
        JsonNode t = server.put("/v1/acl/token", MGMT_SECRET, "{\"Policies\":[{\"ID\":\"" + POLICY_ID
                + "\",\"Name\":null},{\"ID\":null,\"Name\":\"node-read\"},null]}").json();
        assertThat(t.get("Policies").toString())
                .isEqualTo("[{\"ID\":\"" + POLICY_ID + "\",\"Name\":\"node-read\"}]");
    }

    @Test
    void fieldNamesMatchCaseInsensitivelyAsInGo() {
        AclToken t = stored(server.put("/v1/acl/token", MGMT_SECRET,
                "{\"description\":\"lower\",\"policies\":[{\"name\":\"node-read\"}]}"));
        assertThat(t.description()).isEqualTo("lower");
        assertThat(t.policies()).hasSize(1);
    }

    @Test
    void readOnlyFieldsAreAcceptedAndIgnored() {
        AclToken t = stored(server.put("/v1/acl/token", MGMT_SECRET, "{\"CreateTime\":\"2001-01-01T00:00:00Z\","
                + "\"Hash\":\"abc\",\"CreateIndex\":99999,\"ModifyIndex\":99999}"));
        assertThat(t.createTime()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(t.hash()).isNotEqualTo("abc");
        assertThat(t.createIndex()).isLessThan(99999);
    }

    @Test
    void aJsonNullBodyIsAnEmptyToken() {
        AclToken t = stored(server.put("/v1/acl/token", MGMT_SECRET, "null"));
        assertThat(t.description()).isEmpty();
    }

    @Test
    void identitiesAndRolesReachTheStateMachine() {
        JsonNode t = server.put("/v1/acl/token", MGMT_SECRET, "{\"ServiceIdentities\":[{\"ServiceName\":\"web\"}],"
                + "\"NodeIdentities\":[{\"NodeName\":\"n1\",\"Datacenter\":\"dc1\"}]}").json();
        assertThat(t.get("ServiceIdentities").toString()).isEqualTo("[{\"ServiceName\":\"web\"}]");
        assertThat(t.get("NodeIdentities").toString()).isEqualTo("[{\"NodeName\":\"n1\",\"Datacenter\":\"dc1\"}]");
        AclTestServer.Reply badService = server.put("/v1/acl/token", MGMT_SECRET,
                "{\"ServiceIdentities\":[{\"ServiceName\":\"Web!\"}]}");
        assertThat(badService.status()).isEqualTo(500);
        assertThat(badService.body()).startsWith("Service identity \"Web!\" has an invalid name.");
        AclTestServer.Reply role = server.put("/v1/acl/token", MGMT_SECRET, "{\"Roles\":[{\"Name\":\"r\"}]}");
        assertThat(role.status()).isEqualTo(500);
        assertThat(role.body()).isEqualTo("No such ACL role with name \"r\"");
    }

    @Test
    void fieldsThisAgentCannotStoreAre500() {
        AclTestServer.Reply auth = server.put("/v1/acl/token", MGMT_SECRET, "{\"AuthMethod\":\"github\"}");
        assertThat(auth.status()).isEqualTo(500);
        assertThat(auth.body()).isEqualTo("AuthMethod field is disallowed outside of login");
        AclTestServer.Reply authUpdate = server.put("/v1/acl/token/" + NOBODY_ACCESSOR, MGMT_SECRET,
                "{\"AuthMethod\":\"github\"}");
        assertThat(authUpdate.body()).isEqualTo("Cannot change AuthMethod of " + NOBODY_ACCESSOR);
        AclTestServer.Reply templated = server.put("/v1/acl/token", MGMT_SECRET,
                "{\"TemplatedPolicies\":[{\"TemplateName\":\"builtin/service\",\"TemplateVariables\":{\"Name\":\"web\"}}]}");
        assertThat(templated.status()).isEqualTo(500);
        assertThat(server.put("/v1/acl/token", MGMT_SECRET, "{\"TemplatedPolicies\":[]}").status()).isEqualTo(200);
    }
}
