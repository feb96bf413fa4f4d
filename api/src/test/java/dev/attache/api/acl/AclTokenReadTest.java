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
import dev.attache.acl.token.ServiceIdentity;
import dev.attache.api.json.GoTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Token read, self and list: shapes, secret redaction, query meta, and Consul's error texts. */
class AclTokenReadTest {
    static final String POLICY_ID = "3c1e2a4b-1111-4222-8333-444455556666";
    static final String EXPIRED_ACCESSOR = "e0000000-0000-4000-8000-00000000aaaa";
    static final String EXPIRED_SECRET = "e0000000-0000-4000-8000-00000000bbbb";

    private AclTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = AclTestServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private void addExpiredToken() {
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        server.apply(new AclCommand.TokenCreate(longAgo, new TokenSpec(EXPIRED_ACCESSOR, true, EXPIRED_SECRET, true,
                "expired", List.of(), List.of(), List.of(), List.of(), false, null, Duration.ofMinutes(1))));
    }

    private void addPolicy(String id, String name) {
        server.apply(new AclCommand.PolicyCreate(id, new PolicySpec(name, "", "", List.of())));
    }

    @Test
    void readShowsTheTokenInConsulsFieldOrderWithTheSecretForAclWriters() {
        addPolicy(POLICY_ID, "node-read");
        String accessor = "1d2e3f40-0000-4000-8000-000000000001";
        server.apply(new AclCommand.TokenCreate(Instant.now(), new TokenSpec(accessor, true,
                "1d2e3f40-0000-4000-8000-000000000002", true, "linked", List.of(PolicyLink.ofId(POLICY_ID)),
                List.of(), List.of(new ServiceIdentity("web", List.of("dc1"))), List.of(), false, null,
                Duration.ofHours(1))));

        AclTestServer.Reply r = server.get("/v1/acl/token/" + accessor, MGMT_SECRET);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.fieldNames()).containsExactly("AccessorID", "SecretID", "Description", "Policies",
                "ServiceIdentities", "Local", "ExpirationTime", "CreateTime", "Hash", "CreateIndex", "ModifyIndex");
        JsonNode t = r.json();
        AclToken stored = server.replication.state().token(accessor).orElseThrow();
        assertThat(t.get("SecretID").asText()).isEqualTo("1d2e3f40-0000-4000-8000-000000000002");
        assertThat(t.get("Policies").toString()).isEqualTo("[{\"ID\":\"" + POLICY_ID + "\",\"Name\":\"node-read\"}]");
        assertThat(t.get("ServiceIdentities").toString())
                .isEqualTo("[{\"ServiceName\":\"web\",\"Datacenters\":[\"dc1\"]}]");
        assertThat(t.get("Local").isBoolean()).isTrue();
        assertThat(t.get("CreateTime").asText()).isEqualTo(GoTime.format(stored.createTime()));
        assertThat(t.get("ExpirationTime").asText()).isEqualTo(GoTime.format(stored.expirationTime()));
        assertThat(t.get("Hash").asText()).isEqualTo(stored.hash()).hasSize(44);
        assertThat(t.get("CreateIndex").isIntegralNumber()).isTrue();
        assertThat(t.get("CreateIndex").asLong()).isEqualTo(stored.createIndex());
        assertThat(t.get("ModifyIndex").asLong()).isEqualTo(stored.modifyIndex());
    }

    @Test
    void readHidesTheSecretFromCallersWithOnlyAclRead() {
        AclTestServer.Reply r = server.get("/v1/acl/token/" + NOBODY_ACCESSOR, READER_SECRET);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("SecretID").asText()).isEqualTo("<hidden>");
        assertThat(r.json().get("AccessorID").asText()).isEqualTo(NOBODY_ACCESSOR);
    }

    @Test
    void readCarriesTheTokensTableIndexAndLeadershipHeaders() {
        server.leadership.set("server-2", 42);
        long tokensIndex = server.replication.state().tokensIndex();
        addPolicy(POLICY_ID, "later"); // a policy write does not move the tokens table's index

        AclTestServer.Reply r = server.get("/v1/acl/token/" + NOBODY_ACCESSOR, MGMT_SECRET);

        assertThat(r.header("X-Consul-Index")).isEqualTo(String.valueOf(tokensIndex));
        assertThat(server.replication.state().index()).isGreaterThan(tokensIndex);
        assertThat(r.header("X-Consul-KnownLeader")).isEqualTo("true");
        assertThat(r.header("X-Consul-LastContact")).isEqualTo("42");
        assertThat(r.header("X-Consul-Query-Backend")).isEqualTo("blocking-query");
        assertThat(r.header("X-Consul-Default-ACL-Policy")).isEqualTo("deny");
    }

    @Test
    void knownLeaderIsFalseWithoutALeader() {
        server.leadership.set(null, 0);
        AclTestServer.Reply r = server.get("/v1/acl/token/" + NOBODY_ACCESSOR + "?stale", MGMT_SECRET);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Consul-KnownLeader")).isEqualTo("false");
    }

    @Test
    void unknownTokenIs403WithTheFailedQueryMeta() {
        AclTestServer.Reply r = server.get("/v1/acl/token/" + UNKNOWN_SECRET, MGMT_SECRET);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("token does not exist: ACL not found");
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.header("X-Consul-Index")).isEqualTo("1");
        assertThat(r.header("X-Consul-KnownLeader")).isEqualTo("false");
        assertThat(r.header("X-Consul-LastContact")).isEqualTo("0");
        assertThat(r.header("X-Consul-Query-Backend")).isEqualTo("blocking-query");
    }

    @Test
    void expiredTokenIs403TokenHasExpired() {
        addExpiredToken();
        AclTestServer.Reply r = server.get("/v1/acl/token/" + EXPIRED_ACCESSOR, MGMT_SECRET);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("token has expired: ACL not found");
    }

    static Stream<Arguments> malformedAccessors() {
        return Stream.of(
                Arguments.of("short", "abc", "failed acl token lookup: index error: UUID must be 36 characters"),
                Arguments.of("not hex", "xxxxxxxx-0000-4000-8000-000000000000",
                        "failed acl token lookup: index error: invalid UUID: encoding/hex: invalid byte: U+0078 'x'"),
                Arguments.of("too many hyphens", "00000000-0000-4000-8000-0000-0000000",
                        "failed acl token lookup: index error: UUID should have maximum of 4 \"-\"; got 5"),
                Arguments.of("clone suffix on GET", NOBODY_ACCESSOR + "/clone",
                        "failed acl token lookup: index error: UUID must be 36 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedAccessors")
    void malformedAccessorIs500WithTheIndexError(String name, String accessor, String message) {
        AclTestServer.Reply r = server.get("/v1/acl/token/" + accessor, MGMT_SECRET);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).isEqualTo(message);
        assertThat(r.header("X-Consul-Query-Backend")).isEqualTo("blocking-query");
    }

    @Test
    void emptyAccessorIs400WithoutQueryMeta() {
        AclTestServer.Reply r = server.get("/v1/acl/token/", MGMT_SECRET);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Missing token AccessorID");
        assertThat(r.header("X-Consul-Index")).isNull();
        assertThat(r.header("X-Consul-Query-Backend")).isNull();
    }

    @Test
    void readWithoutAclReadIs403BeforeTheLookupAndCarriesQueryMeta() {
        AclTestServer.Reply r = server.get("/v1/acl/token/" + UNKNOWN_SECRET, NOBODY_SECRET);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("Permission denied: token with AccessorID '" + NOBODY_ACCESSOR
                + "' lacks permission 'acl:read'");
        assertThat(r.header("X-Consul-Index")).isEqualTo("1");
    }

    @Test
    void selfAnswersTheCallersTokenWithItsSecret() {
        AclTestServer.Reply r = server.get("/v1/acl/token/self", READER_SECRET);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("AccessorID").asText()).isEqualTo(READER_ACCESSOR);
        assertThat(r.json().get("SecretID").asText()).isEqualTo(READER_SECRET);
        assertThat(r.header("X-Consul-Index")).isEqualTo(
                String.valueOf(server.replication.state().tokensIndex()));
    }

    @Test
    void selfFallsBackToTheDefaultTokenThenAnonymous() {
        server.defaultToken.set(NOBODY_SECRET);
        assertThat(server.get("/v1/acl/token/self", null).json().get("AccessorID").asText())
                .isEqualTo(NOBODY_ACCESSOR);
        server.defaultToken.set("");
        JsonNode anonymous = server.get("/v1/acl/token/self", null).json();
        assertThat(anonymous.get("AccessorID").asText()).isEqualTo(ANONYMOUS_ACCESSOR);
        assertThat(anonymous.get("SecretID").asText()).isEqualTo("anonymous");
        assertThat(anonymous.get("Description").asText()).isEqualTo("Anonymous Token");
        assertThat(anonymous.has("Policies")).isFalse();
        assertThat(anonymous.get("Hash").asText()).isEqualTo("RNVFSWnfd5DUOuB8vplp+imivlIna3fKQVnkUHh21cA=");
    }

    @Test
    void selfWithAnUnknownSecretIsTokenDoesNotExistWithoutResolvingIt() {
        AclTestServer.Reply r = server.get("/v1/acl/token/self", UNKNOWN_SECRET);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("token does not exist: ACL not found");
        assertThat(server.lastResolvedSecret.get()).isNull();
    }

    @Test
    void selfWithAnExpiredSecretIsTokenHasExpired() {
        addExpiredToken();
        AclTestServer.Reply r = server.get("/v1/acl/token/self", EXPIRED_SECRET);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("token has expired: ACL not found");
    }

    @Test
    void listIsSortedByAccessorWithoutExpiredTokensAndWithSecretsForWriters() {
        addExpiredToken();
        AclTestServer.Reply r = server.get("/v1/acl/tokens", MGMT_SECRET);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Consul-Index")).isEqualTo(String.valueOf(server.replication.state().tokensIndex()));
        List<String> accessors = new ArrayList<>();
        r.json().forEach(t -> accessors.add(t.get("AccessorID").asText()));
        assertThat(accessors).containsExactly(ANONYMOUS_ACCESSOR, MGMT_ACCESSOR, READER_ACCESSOR, NOBODY_ACCESSOR);
        JsonNode mgmt = r.json().get(1);
        assertThat(mgmt.get("SecretID").asText()).isEqualTo(MGMT_SECRET);
        assertThat(mgmt.get("Description").asText()).isEqualTo("Bootstrap Token (Global Management)");
        assertThat(mgmt.get("Policies").toString()).isEqualTo(
                "[{\"ID\":\"00000000-0000-0000-0000-000000000001\",\"Name\":\"global-management\"}]");
        List<String> stubFields = new ArrayList<>();
        mgmt.fieldNames().forEachRemaining(stubFields::add);
        assertThat(stubFields).containsExactly("AccessorID", "SecretID", "Description", "Policies", "Local",
                "CreateTime", "Hash", "CreateIndex", "ModifyIndex");
    }

    @Test
    void listHidesSecretsFromReadersAndRefusesCallersWithoutAclRead() {
        AclTestServer.Reply r = server.get("/v1/acl/tokens", READER_SECRET);
        r.json().forEach(t -> assertThat(t.get("SecretID").asText()).isEqualTo("<hidden>"));
        assertThat(r.json().size()).isEqualTo(4);
        AclTestServer.Reply denied = server.get("/v1/acl/tokens", NOBODY_SECRET);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).contains("lacks permission 'acl:read'");
    }

    @Test
    void listFiltersByPolicyIdAndServiceName() {
        addPolicy(POLICY_ID, "p");
        String linked = "2a000000-0000-4000-8000-000000000001";
        server.apply(new AclCommand.TokenCreate(Instant.now(), new TokenSpec(linked, true,
                "2a000000-0000-4000-8000-000000000002", true, "", List.of(PolicyLink.ofId(POLICY_ID)), List.of(),
                List.of(new ServiceIdentity("db", List.of())), List.of(), false, null, null)));

        assertThat(server.get("/v1/acl/tokens?policy=" + POLICY_ID, MGMT_SECRET).json().findValuesAsText("AccessorID"))
                .containsExactly(linked);
        assertThat(server.get("/v1/acl/tokens?servicename=db", MGMT_SECRET).json().findValuesAsText("AccessorID"))
                .containsExactly(linked);
        assertThat(server.get("/v1/acl/tokens?policy=" + UNKNOWN_SECRET, MGMT_SECRET).body()).isEqualTo("[]");
        assertThat(server.get("/v1/acl/tokens?role=" + UNKNOWN_SECRET, MGMT_SECRET).body()).isEqualTo("[]");
        assertThat(server.get("/v1/acl/tokens?authmethod=github", MGMT_SECRET).body()).isEqualTo("[]");
    }

    @Test
    void listFilterErrorsAreConsuls() {
        AclTestServer.Reply two = server.get("/v1/acl/tokens?policy=" + POLICY_ID + "&servicename=db", MGMT_SECRET);
        assertThat(two.status()).isEqualTo(500);
        assertThat(two.body()).isEqualTo(
                "can only filter by one of policy, role, serviceName, or methodName at a time");
        AclTestServer.Reply byName = server.get("/v1/acl/tokens?policy=node-read", MGMT_SECRET);
        assertThat(byName.status()).isEqualTo(500);
        assertThat(byName.body()).isEqualTo("failed acl token lookup: index error: UUID must be 36 characters");
        AclTestServer.Reply ns = server.get("/v1/acl/tokens?authmethod-ns=x", MGMT_SECRET);
        assertThat(ns.status()).isEqualTo(400);
        assertThat(ns.body()).isEqualTo(
                "Invalid query parameter: \"authmethod-ns\" - Namespaces are a Consul Enterprise feature");
    }
}
