package dev.attache.api.acl;

import static dev.attache.api.acl.AclTestServer.ANONYMOUS_ACCESSOR;
import static dev.attache.api.acl.AclTestServer.MGMT_ACCESSOR;
import static dev.attache.api.acl.AclTestServer.MGMT_SECRET;
import static dev.attache.api.acl.AclTestServer.NOBODY_ACCESSOR;
import static dev.attache.api.acl.AclTestServer.NOBODY_SECRET;
import static dev.attache.api.acl.AclTestServer.READER_ACCESSOR;
import static dev.attache.api.acl.AclTestServer.READER_SECRET;
import static dev.attache.api.acl.AclTestServer.UNKNOWN_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.PolicySpec;
import dev.attache.acl.state.TokenSpec;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.PolicyLink;
import dev.attache.cluster.NoLeaderException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token create, update, clone and delete over HTTP. */
class AclTokenWriteTest {
    static final String POLICY_ID = "3c1e2a4b-1111-4222-8333-444455556666";
    static final String OTHER_POLICY_ID = "4d2f3b5c-1111-4222-8333-444455556666";

    private AclTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = AclTestServer.start();
        server.apply(new AclCommand.PolicyCreate(POLICY_ID, new PolicySpec("node-read", "", "", List.of())));
        server.apply(new AclCommand.PolicyCreate(OTHER_POLICY_ID, new PolicySpec("svc-read", "", "", List.of())));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private JsonNode created(String body) {
        AclTestServer.Reply r = server.put("/v1/acl/token", MGMT_SECRET, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void createAnswersTheStoredTokenWithGeneratedIdsAndCurrentPolicyNames() {
        int writesBefore = server.writes.get();
        AclTestServer.Reply r = server.put("/v1/acl/token", MGMT_SECRET,
                "{\"Description\":\"agent\",\"Policies\":[{\"ID\":\"" + POLICY_ID + "\"},{\"Name\":\"svc-read\"}],"
                        + "\"Local\":false}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.fieldNames()).containsExactly("AccessorID", "SecretID", "Description", "Policies", "Local",
                "CreateTime", "Hash", "CreateIndex", "ModifyIndex");
        JsonNode t = r.json();
        assertThat(t.get("AccessorID").asText()).hasSize(36);
        assertThat(t.get("SecretID").asText()).hasSize(36).isNotEqualTo(t.get("AccessorID").asText());
        assertThat(t.get("Policies").toString()).isEqualTo("[{\"ID\":\"" + POLICY_ID + "\",\"Name\":\"node-read\"},"
                + "{\"ID\":\"" + OTHER_POLICY_ID + "\",\"Name\":\"svc-read\"}]");
        assertThat(t.get("CreateIndex").asLong()).isEqualTo(t.get("ModifyIndex").asLong())
                .isEqualTo(server.replication.state().tokensIndex());
        assertThat(t.get("CreateTime").asText()).matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(server.replication.state().token(t.get("AccessorID").asText())).isPresent();
        assertThat(server.writes.get()).isEqualTo(writesBefore + 1);
        assertThat(r.header("X-Consul-Index")).isNull(); // writes carry no query meta
    }

    @Test
    void createKeepsCallerChosenIds() {
        JsonNode t = created("{\"AccessorID\":\"a1b2c3d4-0000-4000-8000-000000000001\","
                + "\"SecretID\":\"a1b2c3d4-0000-4000-8000-000000000002\"}");
        assertThat(t.get("AccessorID").asText()).isEqualTo("a1b2c3d4-0000-4000-8000-000000000001");
        assertThat(t.get("SecretID").asText()).isEqualTo("a1b2c3d4-0000-4000-8000-000000000002");
        assertThat(t.get("Description").asText()).isEmpty();
        assertThat(t.has("Policies")).isFalse();
    }

    @Test
    void stateMachineRefusalsAre500WithConsulsText() {
        AclTestServer.Reply reserved = server.put("/v1/acl/token", MGMT_SECRET,
                "{\"AccessorID\":\"00000000-0000-0000-0000-000000000077\"}");
        assertThat(reserved.status()).isEqualTo(500);
        assertThat(reserved.body()).isEqualTo("Invalid Token: AccessorID - UUIDs with the prefix "
                + "\"00000000-0000-0000-0000-0000000000\" are reserved");
        AclTestServer.Reply unknownPolicy = server.put("/v1/acl/token", MGMT_SECRET,
                "{\"Policies\":[{\"Name\":\"nope\"}]}");
        assertThat(unknownPolicy.status()).isEqualTo(500);
        assertThat(unknownPolicy.body()).isEqualTo("No such ACL policy with name \"nope\"");
        AclTestServer.Reply secretInUse = server.put("/v1/acl/token", MGMT_SECRET,
                "{\"SecretID\":\"" + READER_SECRET + "\"}");
        assertThat(secretInUse.body()).isEqualTo("Invalid Token: SecretID is already in use");
        AclTestServer.Reply shortTtl = server.put("/v1/acl/token", MGMT_SECRET, "{\"ExpirationTTL\":\"30s\"}");
        assertThat(shortTtl.status()).isEqualTo(500);
        assertThat(shortTtl.body()).isEqualTo("ExpirationTime cannot be less than 1m0s in the future (was 30s)");
    }

    @Test
    void createNeedsAclWriteAndChecksItFirst() {
        AclTestServer.Reply r = server.put("/v1/acl/token", READER_SECRET, "{\"Policies\":[{\"Name\":\"nope\"}]}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("Permission denied: token with AccessorID '" + READER_ACCESSOR
                + "' lacks permission 'acl:write'");
        assertThat(server.get("/v1/acl/token/self", "not-a-known-secret").status()).isEqualTo(403);
    }

    @Test
    void noLeaderIs500NoClusterLeader() {
        server.replication.failSubmits(new NoLeaderException());
        AclTestServer.Reply r = server.put("/v1/acl/token", MGMT_SECRET, "{}");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("No cluster leader");
    }

    @Test
    void updateWithoutAccessorInTheBodyTakesTheUrlsAndKeepsTheSecret() {
        JsonNode made = created("{\"Description\":\"before\",\"Policies\":[{\"Name\":\"node-read\"}]}");
        String accessor = made.get("AccessorID").asText();

        AclTestServer.Reply r = server.put("/v1/acl/token/" + accessor, MGMT_SECRET,
                "{\"Description\":\"after\",\"Policies\":[{\"ID\":\"" + OTHER_POLICY_ID + "\"}]}");

        assertThat(r.status()).isEqualTo(200);
        JsonNode t = r.json();
        assertThat(t.get("AccessorID").asText()).isEqualTo(accessor);
        assertThat(t.get("SecretID").asText()).isEqualTo(made.get("SecretID").asText());
        assertThat(t.get("Description").asText()).isEqualTo("after");
        assertThat(t.get("Policies").findValuesAsText("Name")).containsExactly("svc-read");
        assertThat(t.get("CreateIndex").asLong()).isEqualTo(made.get("CreateIndex").asLong());
        assertThat(t.get("ModifyIndex").asLong()).isGreaterThan(made.get("ModifyIndex").asLong());
        assertThat(t.get("Hash").asText()).isNotEqualTo(made.get("Hash").asText());
    }

    @Test
    void updateChecksOfTheHttpLayerAndTheStateMachine() {
        AclTestServer.Reply mismatch = server.put("/v1/acl/token/" + NOBODY_ACCESSOR, MGMT_SECRET,
                "{\"AccessorID\":\"" + READER_ACCESSOR + "\"}");
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.body()).isEqualTo("Token Accessor ID in URL and payload do not match");
        AclTestServer.Reply missing = server.put("/v1/acl/token/" + UNKNOWN_SECRET, MGMT_SECRET, "{}");
        assertThat(missing.status()).isEqualTo(500);
        assertThat(missing.body()).isEqualTo("Cannot find token \"" + UNKNOWN_SECRET + "\"");
        AclTestServer.Reply toggle = server.put("/v1/acl/token/" + NOBODY_ACCESSOR, MGMT_SECRET,
                "{\"Local\":true}");
        assertThat(toggle.body()).isEqualTo("Cannot toggle local mode of " + NOBODY_ACCESSOR);
        AclTestServer.Reply badId = server.put("/v1/acl/token/not-a-uuid", MGMT_SECRET, "{}");
        assertThat(badId.body()).isEqualTo("AccessorID is not a valid UUID");
        AclTestServer.Reply root = server.put("/v1/acl/token/" + NOBODY_ACCESSOR, MGMT_SECRET,
                "{\"SecretID\":\"manage\"}");
        assertThat(root.status()).isEqualTo(403);
        assertThat(root.body()).isEqualTo("Permission denied: Cannot modify root ACL");
    }

    @Test
    void updateOfAnEmptyAccessorCreates() {
        AclTestServer.Reply r = server.put("/v1/acl/token/", MGMT_SECRET, "{\"Description\":\"quirk\"}");
        assertThat(r.status()).isEqualTo(200);
        String accessor = r.json().get("AccessorID").asText();
        assertThat(server.replication.state().token(accessor).map(AclToken::description)).hasValue("quirk");
        AclTestServer.Reply withBodyId = server.put("/v1/acl/token/", MGMT_SECRET,
                "{\"AccessorID\":\"" + NOBODY_ACCESSOR + "\"}");
        assertThat(withBodyId.status()).isEqualTo(400);
        assertThat(withBodyId.body()).isEqualTo("Token Accessor ID in URL and payload do not match");
    }

    @Test
    void cloneCopiesTheLinksUnderNewIdsAndReadsOnlyTheDescription() {
        JsonNode source = created("{\"Description\":\"source\",\"Policies\":[{\"Name\":\"node-read\"}]}");
        String accessor = source.get("AccessorID").asText();

        AclTestServer.Reply r = server.put("/v1/acl/token/" + accessor + "/clone", MGMT_SECRET,
                "{\"Description\":\"\",\"Local\":true,\"AccessorID\":\"" + NOBODY_ACCESSOR + "\"}");

        assertThat(r.status()).isEqualTo(200);
        JsonNode clone = r.json();
        assertThat(clone.get("AccessorID").asText()).isNotIn(accessor, NOBODY_ACCESSOR);
        assertThat(clone.get("SecretID").asText()).isNotEqualTo(source.get("SecretID").asText()).hasSize(36);
        assertThat(clone.get("Description").asText()).isEqualTo("source");
        assertThat(clone.get("Local").asBoolean()).isFalse();
        assertThat(clone.get("Policies")).isEqualTo(source.get("Policies"));
        assertThat(clone.get("Hash")).isEqualTo(source.get("Hash"));

        JsonNode renamed = server.put("/v1/acl/token/" + accessor + "/clone", MGMT_SECRET,
                "{\"Description\":\"copy\"}").json();
        assertThat(renamed.get("Description").asText()).isEqualTo("copy");
    }

    @Test
    void cloneErrors() {
        AclTestServer.Reply empty = server.put("/v1/acl/token/" + NOBODY_ACCESSOR + "/clone", MGMT_SECRET, null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).isEqualTo("Token decoding failed: EOF");
        AclTestServer.Reply unknown = server.put("/v1/acl/token/" + UNKNOWN_SECRET + "/clone", MGMT_SECRET, "{}");
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.body()).isEqualTo("token does not exist: ACL not found");
        AclTestServer.Reply malformed = server.put("/v1/acl/token/abc/clone", MGMT_SECRET, "{}");
        assertThat(malformed.status()).isEqualTo(500);
        assertThat(malformed.body()).isEqualTo("failed acl token lookup: index error: UUID must be 36 characters");
        String expired = "e0000000-0000-4000-8000-00000000aaaa";
        server.apply(new AclCommand.TokenCreate(Instant.now().minus(Duration.ofHours(2)), new TokenSpec(expired,
                true, "e0000000-0000-4000-8000-00000000bbbb", true, "", List.of(PolicyLink.ofId(POLICY_ID)),
                List.of(), List.of(), List.of(), false, null, Duration.ofMinutes(1))));
        AclTestServer.Reply expiredClone = server.put("/v1/acl/token/" + expired + "/clone", MGMT_SECRET, "{}");
        assertThat(expiredClone.status()).isEqualTo(403);
        assertThat(expiredClone.body()).isEqualTo("token is expired: ACL not found");
    }

    @Test
    void deleteAnswersTrueAndRemovesTheToken() {
        int writesBefore = server.writes.get();
        AclTestServer.Reply r = server.delete("/v1/acl/token/" + NOBODY_ACCESSOR, MGMT_SECRET);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("true");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(server.replication.state().token(NOBODY_ACCESSOR)).isEmpty();
        assertThat(server.writes.get()).isEqualTo(writesBefore + 1);
    }

    @Test
    void deleteOfAnUnknownTokenIs404() {
        AclTestServer.Reply r = server.delete("/v1/acl/token/" + UNKNOWN_SECRET, MGMT_SECRET);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("Cannot find token to delete");
    }

    @Test
    void deleteTurnsAnUnknownCallerTokenInto404() { // quirk Q3
        AclTestServer.Reply r = server.delete("/v1/acl/token/" + NOBODY_ACCESSOR, UNKNOWN_SECRET);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("Cannot find token to delete");
        assertThat(server.replication.state().token(NOBODY_ACCESSOR)).isPresent();
        // other routes answer the same caller with the resolver's 403
        assertThat(server.get("/v1/acl/token/" + NOBODY_ACCESSOR, UNKNOWN_SECRET).status()).isEqualTo(403);
    }

    @Test
    void deleteRefusals() {
        AclTestServer.Reply denied = server.delete("/v1/acl/token/" + NOBODY_ACCESSOR, READER_SECRET);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).contains("lacks permission 'acl:write'");
        AclTestServer.Reply self = server.delete("/v1/acl/token/" + MGMT_ACCESSOR, MGMT_SECRET);
        assertThat(self.status()).isEqualTo(500);
        assertThat(self.body()).isEqualTo("Deletion of the request's authorization token is not permitted");
        AclTestServer.Reply anonymous = server.delete("/v1/acl/token/" + ANONYMOUS_ACCESSOR, MGMT_SECRET);
        assertThat(anonymous.body()).isEqualTo("Delete operation not permitted on the anonymous token");
        AclTestServer.Reply malformed = server.delete("/v1/acl/token/abc", MGMT_SECRET);
        assertThat(malformed.body()).isEqualTo("Accessor ID is missing or an invalid UUID");
        AclTestServer.Reply empty = server.delete("/v1/acl/token/", MGMT_SECRET);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).isEqualTo("Missing token AccessorID");
        assertThat(server.delete("/v1/acl/token/" + NOBODY_ACCESSOR, NOBODY_SECRET).status()).isEqualTo(403);
    }
}
