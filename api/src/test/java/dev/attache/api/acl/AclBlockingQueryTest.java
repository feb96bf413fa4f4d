package dev.attache.api.acl;

import static dev.attache.api.acl.AclTestServer.MGMT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.PolicySpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Blocking queries on the ACL reads (consul-behavior.md §7), over HTTP against the in-memory state. */
class AclBlockingQueryTest {
    private AclTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = AclTestServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private long index(AclTestServer.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return Long.parseLong(r.header("X-Consul-Index"));
    }

    @Test
    void aBlockedTokenListWakesOnATokenWriteWithTheNewIndex() {
        long before = index(server.get("/v1/acl/tokens", MGMT_SECRET));
        CompletableFuture<AclTestServer.Reply> blocked = CompletableFuture.supplyAsync(() ->
                server.get("/v1/acl/tokens?index=" + before + "&wait=30s", MGMT_SECRET));
        await("the read blocks").atMost(Duration.ofSeconds(10)).until(() -> server.replication.blocked() == 1);
        assertThat(blocked).isNotDone();
        server.apply(AclTestServer.token("6e7f8091-a2b3-4c4d-8e5f-6a7b8c9d0e1f",
                "7f809102-b3c4-4d5e-8f6a-7b8c9d0e1f20", "new"));
        AclTestServer.Reply woke = blocked.join();
        assertThat(index(woke)).isGreaterThan(before);
        assertThat(woke.body()).contains("6e7f8091-a2b3-4c4d-8e5f-6a7b8c9d0e1f");
    }

    @Test
    void readersWokenByOneChangeEachGetTheirOwnAnswer() {
        long before = index(server.get("/v1/acl/token/self", MGMT_SECRET));
        String q = "/v1/acl/token/self?index=" + before + "&wait=30s";
        List<CompletableFuture<AclTestServer.Reply>> mgmt = List.of(
                CompletableFuture.supplyAsync(() -> server.get(q, MGMT_SECRET)),
                CompletableFuture.supplyAsync(() -> server.get(q, MGMT_SECRET)));
        CompletableFuture<AclTestServer.Reply> pretty = CompletableFuture.supplyAsync(() ->
                server.get(q + "&pretty", MGMT_SECRET));
        CompletableFuture<AclTestServer.Reply> reader = CompletableFuture.supplyAsync(() ->
                server.get(q, AclTestServer.READER_SECRET));
        await("four reads block").atMost(Duration.ofSeconds(10)).until(() -> server.replication.blocked() == 4);
        server.apply(AclTestServer.token("b3c4d5e6-f708-4192-8d0e-1f2031425364", "c4d5e6f7-0819-42a3-9e1f-203142536475",
                "wakes four"));

        AclTestServer.Reply now = server.get("/v1/acl/token/self", MGMT_SECRET);
        for (CompletableFuture<AclTestServer.Reply> r : mgmt) {
            assertThat(index(r.join())).isEqualTo(index(now));
            assertThat(r.join().body()).isEqualTo(now.body());
        }
        assertThat(pretty.join().body()).contains("\n    \"AccessorID\": \"" + AclTestServer.MGMT_ACCESSOR);
        assertThat(pretty.join().json()).isEqualTo(now.json());
        assertThat(reader.join().json().get("AccessorID").asText()).isEqualTo(AclTestServer.READER_ACCESSOR);
        assertThat(reader.join().header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void aWriteToAnotherTableDoesNotWakeIt() {
        long before = index(server.get("/v1/acl/policies", MGMT_SECRET));
        CompletableFuture<AclTestServer.Reply> blocked = CompletableFuture.supplyAsync(() ->
                server.get("/v1/acl/policies?index=" + before + "&wait=2s", MGMT_SECRET));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.replication.blocked() == 1);
        server.apply(AclTestServer.token("8091a2b3-c4d5-4e6f-9a7b-8c9d0e1f2031", "91a2b3c4-d5e6-4f70-8b8c-9d0e1f203142",
                "a token, not a policy"));
        assertThat(server.replication.blocked()).isEqualTo(1);
        server.apply(new AclCommand.PolicyCreate("a2b3c4d5-e6f7-4081-9c9d-0e1f20314253",
                new PolicySpec("woken", "", "", List.of())));
        assertThat(index(blocked.join())).isGreaterThan(before);
    }

    @Test
    void itTimesOutWithTheSameIndexWhenNothingChanges() {
        long before = index(server.get("/v1/acl/token/self", MGMT_SECRET));
        long t0 = System.nanoTime();
        AclTestServer.Reply r = server.get("/v1/acl/token/self?index=" + before + "&wait=300ms", MGMT_SECRET);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(index(r)).isEqualTo(before);
        assertThat(ms).isBetween(300L, 5_000L);
        assertThat(r.header("X-Consul-KnownLeader")).isNotNull();
        assertThat(r.header("X-Consul-Query-Backend")).isEqualTo("blocking-query");
    }

    @Test
    void indexZeroAndAnIndexBehindTheTableDoNotBlock() {
        long now = index(server.get("/v1/acl/tokens", MGMT_SECRET));
        assertThat(index(server.get("/v1/acl/tokens?index=0&wait=1m", MGMT_SECRET))).isEqualTo(now);
        assertThat(index(server.get("/v1/acl/tokens?index=" + (now - 1) + "&wait=1m", MGMT_SECRET)))
                .isEqualTo(now);
        assertThat(server.replication.timeouts()).hasSize(1); // index=0 is a plain read
    }

    @Test
    void waitDefaultsToFiveMinutesAndIsCappedAtTenWithUpToASixteenthOfJitter() {
        for (int i = 0; i < 200; i++) {
            Duration dflt = AclReads.queryTimeout(Duration.ZERO);
            assertThat(dflt).isGreaterThanOrEqualTo(Duration.ofMinutes(5))
                    .isLessThan(Duration.ofMinutes(5).plus(Duration.ofMinutes(5).dividedBy(16)));
            Duration capped = AclReads.queryTimeout(Duration.ofHours(1));
            assertThat(capped).isGreaterThanOrEqualTo(Duration.ofMinutes(10))
                    .isLessThan(Duration.ofMinutes(10).plus(Duration.ofMinutes(10).dividedBy(16)));
            Duration asked = AclReads.queryTimeout(Duration.ofSeconds(16));
            assertThat(asked).isGreaterThanOrEqualTo(Duration.ofSeconds(16)).isLessThan(Duration.ofSeconds(17));
        }
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> AclReads.queryTimeout(Duration.ofMinutes(1)))
                .distinct().count()).as("jitter varies").isGreaterThan(1);
    }

    @Test
    void badBlockingParametersAre400() {
        AclTestServer.Reply badIndex = server.get("/v1/acl/tokens?index=-1", MGMT_SECRET);
        assertThat(badIndex.status()).isEqualTo(400);
        assertThat(badIndex.body()).isEqualTo("Invalid index");
        AclTestServer.Reply badWait = server.get("/v1/acl/tokens?index=5&wait=10", MGMT_SECRET);
        assertThat(badWait.status()).isEqualTo(400);
        assertThat(badWait.body()).isEqualTo("Invalid wait time");
    }
}
