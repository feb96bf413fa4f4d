package dev.attache.api.acl;

import static dev.attache.api.acl.AclTestServer.UNKNOWN_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attache.acl.token.AclToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code PUT /v1/acl/bootstrap} on a datacenter that was never bootstrapped. */
class AclBootstrapEndpointTest {
    static final String CHOSEN_SECRET = "b416a1b2-0000-4000-8000-0000000000cc";

    private AclTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = AclTestServer.startUnbootstrapped();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void bootstrapAnswersTheManagementTokenWithTheLegacyLeadingId() {
        int writesBefore = server.writes.get();
        AclTestServer.Reply r = server.put("/v1/acl/bootstrap", null, null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.fieldNames()).containsExactly("ID", "AccessorID", "SecretID", "Description", "Policies",
                "Local", "CreateTime", "Hash", "CreateIndex", "ModifyIndex");
        JsonNode t = r.json();
        assertThat(t.get("ID").asText()).isEqualTo(t.get("SecretID").asText()).hasSize(36);
        assertThat(t.get("Description").asText()).isEqualTo("Bootstrap Token (Global Management)");
        assertThat(t.get("Policies").toString()).isEqualTo(
                "[{\"ID\":\"00000000-0000-0000-0000-000000000001\",\"Name\":\"global-management\"}]");
        assertThat(t.get("Local").asBoolean()).isFalse();
        assertThat(t.get("Hash").asText()).isEqualTo("X2AgaFhnQGRhSSF/h0m6qpX1wj/HJWbyXcxkEM/5GrY=");
        AclToken stored = server.replication.state().tokenBySecret(t.get("SecretID").asText()).orElseThrow();
        assertThat(stored.accessorId()).isEqualTo(t.get("AccessorID").asText());
        assertThat(server.replication.state().bootstrapped()).isTrue();
        assertThat(server.writes.get()).isEqualTo(writesBefore + 1);
        assertThat(server.resetConsumed.get()).isEqualTo(1);
    }

    @Test
    void aCallersBootstrapSecretIsUsed() {
        AclTestServer.Reply r = server.put("/v1/acl/bootstrap", null, "{\"BootstrapSecret\":\"" + CHOSEN_SECRET + "\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("SecretID").asText()).isEqualTo(CHOSEN_SECRET);
        assertThat(r.json().get("ID").asText()).isEqualTo(CHOSEN_SECRET);
    }

    @Test
    void bootstrapIgnoresTheCallersToken() {
        AclTestServer.Reply r = server.put("/v1/acl/bootstrap", UNKNOWN_SECRET, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(server.lastResolvedSecret.get()).isNull();
    }

    @Test
    void aSecondBootstrapIsDeniedUnlessTheResetFileNamesTheBootstrapIndex() {
        assertThat(server.put("/v1/acl/bootstrap", null, null).status()).isEqualTo(200);
        long index = server.replication.state().bootstrapIndex();

        AclTestServer.Reply again = server.put("/v1/acl/bootstrap", null, null);
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.body()).isEqualTo("Permission denied: ACL bootstrap no longer allowed (reset index: "
                + index + ")");

        server.resetIndex.set(index + 7);
        AclTestServer.Reply wrong = server.put("/v1/acl/bootstrap", null, null);
        assertThat(wrong.status()).isEqualTo(500);
        assertThat(wrong.body()).isEqualTo("Invalid bootstrap reset index (specified " + (index + 7)
                + ", reset index: " + index + ")");
        assertThat(server.resetConsumed.get()).isEqualTo(1);

        server.resetIndex.set(index);
        AclTestServer.Reply reset = server.put("/v1/acl/bootstrap", null, null);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(server.resetConsumed.get()).isEqualTo(2);
        assertThat(server.replication.state().bootstrapIndex()).isGreaterThan(index);
    }

    @Test
    void bodyErrors() {
        AclTestServer.Reply unknown = server.put("/v1/acl/bootstrap", null, "{\"Secret\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("Request decoding failed: json: unknown field \"Secret\"");
        AclTestServer.Reply broken = server.put("/v1/acl/bootstrap", null, "{");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body()).startsWith("Request decoding failed: ");
        AclTestServer.Reply notUuid = server.put("/v1/acl/bootstrap", null, "{\"BootstrapSecret\":\"abc\"}");
        assertThat(notUuid.status()).isEqualTo(500);
        assertThat(notUuid.body()).isEqualTo("uuid string is wrong length");
        assertThat(server.replication.state().bootstrapped()).isFalse();
    }

    @Test
    void bootstrapIsPutOnly() {
        AclTestServer.Reply r = server.get("/v1/acl/bootstrap", null);
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("OPTIONS,PUT");
    }
}
