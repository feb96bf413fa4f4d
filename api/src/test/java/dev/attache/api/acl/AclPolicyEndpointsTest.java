package dev.attache.api.acl;

import static dev.attache.api.acl.AclTestServer.MGMT_SECRET;
import static dev.attache.api.acl.AclTestServer.NOBODY_ACCESSOR;
import static dev.attache.api.acl.AclTestServer.NOBODY_SECRET;
import static dev.attache.api.acl.AclTestServer.READER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.PolicySpec;
import dev.attache.acl.state.TokenSpec;
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.PolicyLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Policy create, read (by ID and name), update, delete and list over HTTP (consul-behavior.md §4.9). */
class AclPolicyEndpointsTest {
    static final String POLICY_ID = "4d2f3b5c-2222-4333-8444-555566667777";
    static final String UNKNOWN_ID = "4d2f3b5c-2222-4333-8444-000000000000";

    private AclTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = AclTestServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private void addPolicy(String id, String name, List<String> datacenters) {
        server.apply(new AclCommand.PolicyCreate(id, new PolicySpec(name, "about " + name, "node \"\" {}",
                datacenters)));
    }

    @Test
    void createAnswersThePolicyInConsulsFieldOrderWithAServerChosenId() {
        int writesBefore = server.writes.get();
        AclTestServer.Reply r = server.put("/v1/acl/policy", MGMT_SECRET,
                "{\"Name\":\"node-read\",\"Description\":\"reads nodes\",\"Rules\":\"node_prefix \\\"\\\" {}\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.fieldNames()).containsExactly("ID", "Name", "Description", "Rules", "Hash", "CreateIndex",
                "ModifyIndex"); // Datacenters omitted when empty
        JsonNode p = r.json();
        String id = p.get("ID").asText();
        AclPolicy stored = server.replication.state().policy(id).orElseThrow();
        assertThat(p.get("Name").asText()).isEqualTo("node-read");
        assertThat(p.get("Rules").asText()).isEqualTo("node_prefix \"\" {}");
        assertThat(p.get("Hash").asText()).isEqualTo(stored.hash()).isNotEmpty();
        assertThat(p.get("CreateIndex").isIntegralNumber()).isTrue();
        assertThat(p.get("CreateIndex").asLong()).isEqualTo(p.get("ModifyIndex").asLong())
                .isEqualTo(stored.createIndex());
        assertThat(r.header("X-Consul-Index")).isNull(); // writes carry no query meta
        assertThat(server.writes.get()).isEqualTo(writesBefore + 1);
    }

    @Test
    void createRefusalsOfTheHttpLayerAndTheStateMachine() {
        AclTestServer.Reply withId = server.put("/v1/acl/policy", MGMT_SECRET, "{\"ID\":\"" + POLICY_ID
                + "\",\"Name\":\"x\"}");
        assertThat(withId.status()).isEqualTo(400);
        assertThat(withId.body()).isEqualTo("Cannot specify the ID when creating a new policy");

        AclTestServer.Reply empty = server.put("/v1/acl/policy", MGMT_SECRET, null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).isEqualTo("Policy decoding failed: EOF");

        AclTestServer.Reply unknown = server.put("/v1/acl/policy", MGMT_SECRET, "{\"Name\":\"x\",\"Syntax\":\"hcl\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("Policy decoding failed: json: unknown field \"Syntax\"");

        AclTestServer.Reply namespace = server.put("/v1/acl/policy", MGMT_SECRET, "{\"Namespace\":\"ns\"}");
        assertThat(namespace.body()).isEqualTo("Policy decoding failed: json: unknown field \"Namespace\" - "
                + "Namespaces are a Consul Enterprise feature");

        AclTestServer.Reply noName = server.put("/v1/acl/policy", MGMT_SECRET, "{}");
        assertThat(noName.status()).isEqualTo(500);
        assertThat(noName.body()).isEqualTo("Invalid Policy: no Name is set");

        addPolicy(POLICY_ID, "taken", List.of());
        AclTestServer.Reply duplicate = server.put("/v1/acl/policy", MGMT_SECRET, "{\"Name\":\"taken\"}");
        assertThat(duplicate.status()).isEqualTo(500);
        assertThat(duplicate.body()).isEqualTo("Invalid Policy: A Policy with Name \"taken\" already exists");

        AclTestServer.Reply forbidden = server.put("/v1/acl/policy", READER_SECRET, "{\"Name\":\"y\"}");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body()).contains("lacks permission 'acl:write'");
    }

    @Test
    void updateTakesTheUrlsIdAndRefusesAMismatch() {
        addPolicy(POLICY_ID, "before", List.of());
        AclTestServer.Reply r = server.put("/v1/acl/policy/" + POLICY_ID, MGMT_SECRET,
                "{\"Name\":\"after\",\"Datacenters\":[\"dc1\",\"dc2\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("ID").asText()).isEqualTo(POLICY_ID);
        assertThat(r.json().get("Name").asText()).isEqualTo("after");
        assertThat(r.json().get("Datacenters").toString()).isEqualTo("[\"dc1\",\"dc2\"]");
        assertThat(r.json().get("ModifyIndex").asLong()).isGreaterThan(r.json().get("CreateIndex").asLong());

        AclTestServer.Reply mismatch = server.put("/v1/acl/policy/" + POLICY_ID, MGMT_SECRET,
                "{\"ID\":\"" + UNKNOWN_ID + "\",\"Name\":\"x\"}");
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.body()).isEqualTo("Policy ID in URL and payload do not match");

        AclTestServer.Reply missing = server.put("/v1/acl/policy/" + UNKNOWN_ID, MGMT_SECRET, "{\"Name\":\"x\"}");
        assertThat(missing.status()).isEqualTo(500);
        assertThat(missing.body()).isEqualTo("cannot find policy " + UNKNOWN_ID);

        AclTestServer.Reply builtin = server.put("/v1/acl/policy/" + AclPolicy.GLOBAL_MANAGEMENT_ID, MGMT_SECRET,
                "{\"Name\":\"global-management\",\"Rules\":\"acl = \\\"read\\\"\"}");
        assertThat(builtin.status()).isEqualTo(500);
        assertThat(builtin.body()).isEqualTo("Changing the Rules for the builtin global-management policy is not "
                + "permitted");
    }

    @Test
    void updateOfAnEmptyIdCreates() {
        AclTestServer.Reply r = server.put("/v1/acl/policy/", MGMT_SECRET, "{\"Name\":\"fresh\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(server.replication.state().policyByName("fresh")).isPresent();
    }

    @Test
    void readByIdAndByNameWithTheQueryMetaOfThePoliciesTable() {
        addPolicy(POLICY_ID, "node-read", List.of("dc1"));
        server.leadership.set("server-1", 7);
        long policiesIndex = server.replication.state().policiesIndex();
        server.apply(AclTestServer.token("1e1e1e1e-0000-4000-8000-000000000001",
                "1e1e1e1e-0000-4000-8000-000000000002", "a later token write"));

        for (String path : List.of("/v1/acl/policy/" + POLICY_ID, "/v1/acl/policy/name/NODE-READ")) {
            AclTestServer.Reply r = server.get(path, READER_SECRET);
            assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
            assertThat(r.fieldNames()).containsExactly("ID", "Name", "Description", "Rules", "Datacenters", "Hash",
                    "CreateIndex", "ModifyIndex");
            assertThat(r.json().get("Datacenters").toString()).isEqualTo("[\"dc1\"]");
            assertThat(r.header("X-Consul-Index")).isEqualTo(String.valueOf(policiesIndex));
            assertThat(r.header("X-Consul-KnownLeader")).isEqualTo("true");
            assertThat(r.header("X-Consul-LastContact")).isEqualTo("7");
            assertThat(r.header("X-Consul-Query-Backend")).isEqualTo("blocking-query");
        }
    }

    @Test
    void readByNameIsPercentDecoded() {
        AclTestServer.Reply r = server.get("/v1/acl/policy/name/builtin%2Fglobal-read-only", READER_SECRET);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("ID").asText()).isEqualTo(AclPolicy.GLOBAL_READ_ONLY_ID);
    }

    @Test
    void unknownPolicyIsARealNotFoundWithoutQueryMeta() {
        for (String path : List.of("/v1/acl/policy/" + UNKNOWN_ID, "/v1/acl/policy/name/nothing")) {
            AclTestServer.Reply r = server.get(path, MGMT_SECRET);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.body()).isEqualTo("Requested policy does not exist: ACL not found");
            assertThat(r.header("X-Consul-Index")).isNull();
            assertThat(r.header("X-Consul-Query-Backend")).isNull();
        }
    }

    @Test
    void readErrors() {
        AclTestServer.Reply malformed = server.get("/v1/acl/policy/abc", MGMT_SECRET);
        assertThat(malformed.status()).isEqualTo(500);
        assertThat(malformed.body()).isEqualTo("failed acl policy lookup: index error: UUID must be 36 characters");
        assertThat(malformed.header("X-Consul-Index")).isEqualTo("1");

        AclTestServer.Reply noId = server.get("/v1/acl/policy/", MGMT_SECRET);
        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.body()).isEqualTo("Missing policy ID");

        AclTestServer.Reply noName = server.get("/v1/acl/policy/name/", MGMT_SECRET);
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.body()).isEqualTo("Missing policy Name");

        AclTestServer.Reply forbidden = server.get("/v1/acl/policy/" + AclPolicy.GLOBAL_MANAGEMENT_ID, NOBODY_SECRET);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body()).isEqualTo("Permission denied: token with AccessorID '" + NOBODY_ACCESSOR
                + "' lacks permission 'acl:read'");
        assertThat(forbidden.header("X-Consul-Query-Backend")).isEqualTo("blocking-query");
    }

    @Test
    void subtreeRootOfTheNameRouteRedirects() {
        AclTestServer.Reply r = server.get("/v1/acl/policy/name", MGMT_SECRET);
        assertThat(r.status()).isEqualTo(301);
        assertThat(r.header("Location")).isEqualTo("/v1/acl/policy/name/");
    }

    @Test
    void listAnswersStubsSortedByIdWithNullDatacenters() {
        addPolicy(POLICY_ID, "node-read", List.of());
        addPolicy(UNKNOWN_ID.replace("4d2f", "0d2f"), "in-dc1", List.of("dc1"));
        AclTestServer.Reply r = server.get("/v1/acl/policies", READER_SECRET);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Consul-Index")).isEqualTo(String.valueOf(server.replication.state().policiesIndex()));
        List<String> ids = new ArrayList<>();
        for (JsonNode stub : r.json()) {
            ids.add(stub.get("ID").asText());
            List<String> fields = new ArrayList<>();
            stub.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("ID", "Name", "Description", "Datacenters", "Hash", "CreateIndex",
                    "ModifyIndex");
        }
        assertThat(ids).containsExactly(AclPolicy.GLOBAL_MANAGEMENT_ID, AclPolicy.GLOBAL_READ_ONLY_ID,
                UNKNOWN_ID.replace("4d2f", "0d2f"), POLICY_ID);
        assertThat(r.json().get(0).get("Datacenters").isNull()).isTrue();
        assertThat(r.json().get(2).get("Datacenters").toString()).isEqualTo("[\"dc1\"]");

        AclTestServer.Reply forbidden = server.get("/v1/acl/policies", NOBODY_SECRET);
        assertThat(forbidden.status()).isEqualTo(403);
    }

    @Test
    void deleteAnswersTrueAndDropsTheLinkFromTokenReads() {
        addPolicy(POLICY_ID, "doomed", List.of());
        String accessor = "2f2f2f2f-0000-4000-8000-000000000001";
        server.apply(new AclCommand.TokenCreate(Instant.now(), new TokenSpec(accessor, true,
                "2f2f2f2f-0000-4000-8000-000000000002", true, "linked", List.of(PolicyLink.ofId(POLICY_ID)),
                List.of(), List.of(), List.of(), false, null, null)));
        assertThat(server.get("/v1/acl/token/" + accessor, MGMT_SECRET).json().has("Policies")).isTrue();

        AclTestServer.Reply r = server.delete("/v1/acl/policy/" + POLICY_ID, MGMT_SECRET);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("true");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(server.replication.state().policy(POLICY_ID)).isEmpty();
        assertThat(server.get("/v1/acl/token/" + accessor, MGMT_SECRET).json().has("Policies")).isFalse();
    }

    @Test
    void deleteRefusals() {
        AclTestServer.Reply unknown = server.delete("/v1/acl/policy/" + UNKNOWN_ID, MGMT_SECRET);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("Cannot find policy to delete");

        AclTestServer.Reply builtin = server.delete("/v1/acl/policy/" + AclPolicy.GLOBAL_MANAGEMENT_ID, MGMT_SECRET);
        assertThat(builtin.status()).isEqualTo(500);
        assertThat(builtin.body()).isEqualTo(
                "Delete operation not permitted on the builtin global-management policy");

        AclTestServer.Reply noId = server.delete("/v1/acl/policy/", MGMT_SECRET);
        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.body()).isEqualTo("Missing policy ID");

        AclTestServer.Reply forbidden = server.delete("/v1/acl/policy/" + AclPolicy.GLOBAL_READ_ONLY_ID,
                READER_SECRET);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(server.replication.state().policy(AclPolicy.GLOBAL_READ_ONLY_ID)).isPresent();
    }
}
