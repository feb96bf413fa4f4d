package dev.attache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attache.acl.DefaultPolicy;
import dev.attache.agent.AclConfig;
import dev.attache.agent.local.LocalCluster;
import dev.attache.cluster.GossipConfig;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two datacenters of three servers and one client agent each, in one JVM, with ACLs on (default policy deny), dc1
 * the primary and token replication on in dc2 (its servers get the replication token through
 * {@code PUT /v1/agent/token/replication}, its client agent has none): global ACL state written in dc1 (also through dc2) reaches dc2 by
 * replication; {@code ?dc=} reaches the other datacenter; a Local token of dc2 stays there; with dc1's servers
 * stopped dc2 still authorizes and takes Local writes; once dc1 is back both converge. The steps share one cluster
 * and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiDatacenterAclIT {
    private static final String ROOT = "6b3a5c1e-8f1d-4f7e-9a51-0c2b6d9e7f10";
    /** dc2's servers' agent recovery token: what sets their replication token before dc2 knows any other. */
    private static final String RECOVERY = "1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b";
    private static final List<String> DC2_SERVERS = List.of("dc2-s1", "dc2-s2", "dc2-s3");
    private static final Duration CONVERGE = Duration.ofSeconds(90);
    /**
     * How long both datacenters may take to form their Raft groups and get the ACL state: on two loaded cores a
     * replica can need a restart of its Raft instance ({@code RaftApplyWatch}), which costs a minute.
     */
    private static final Duration FORM = Duration.ofMinutes(3);
    /** How long replication may take to bring a change made in dc1 to dc2 (a round blocks until a change). */
    private static final Duration REPLICATION = Duration.ofSeconds(30);
    private static final List<String> DC1_SERVERS = List.of("dc1-s1", "dc1-s2", "dc1-s3");

    private LocalCluster cluster;
    private Http dc1;
    private Http dc2;
    private String readerSecret;
    private String dc2LocalAccessor;
    private String dc2LocalSecret;

    @BeforeAll
    void start() {
        cluster = LocalCluster.builder()
                .datacenters(2)
                .servers(3)
                .clients(1)
                .gossip(GossipConfig.FAST)
                .configure((name, config) -> config
                        .primaryDatacenter("dc1")
                        .acl(new AclConfig(true, DefaultPolicy.DENY, null, false, null,
                                new AclConfig.Tokens(ROOT, "", "", name.startsWith("dc2-s") ? RECOVERY : "", "", "",
                                        ""),
                                true)))
                .start();
        cluster.awaitConverged(CONVERGE);
        // as with Consul: the replication token is set on each server of the secondary through the agent API,
        // authorized by the agent recovery token (nothing else is known there before replication runs)
        for (String server : DC2_SERVERS) {
            Http.Reply set = new Http(cluster.httpAddress(server)).withToken(RECOVERY)
                    .put("/v1/agent/token/replication", "{\"Token\":\"" + ROOT + "\"}");
            assertThat(set.status()).as(set.body()).isEqualTo(200);
        }
        dc1 = new Http(cluster.httpAddress("dc1-c1")).withToken(ROOT);
        dc2 = new Http(cluster.httpAddress("dc2-c1")).withToken(ROOT);
        // the management token is made by dc1's leader, then replicated: dc2 knows it once replication ran
        await().atMost(FORM).until(() -> dc1.get("/v1/acl/token/self").status() == 200);
        await().atMost(FORM).until(() -> dc2.get("/v1/acl/token/self").status() == 200);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void replicationStatusIsReportedByEachDatacenter() {
        JsonNode primary = dc1.get("/v1/acl/replication").json();
        assertThat(primary.get("Enabled").asBoolean()).isFalse();
        await().atMost(REPLICATION).untilAsserted(() -> {
            Http.Reply r = dc2.get("/v1/acl/replication");
            assertThat(r.status()).isEqualTo(200);
            JsonNode s = r.json();
            assertThat(s.get("Enabled").asBoolean()).isTrue();
            assertThat(s.get("Running").asBoolean()).isTrue();
            assertThat(s.get("SourceDatacenter").asText()).isEqualTo("dc1");
            assertThat(s.get("ReplicationType").asText()).isEqualTo("tokens");
            assertThat(s.get("ReplicatedIndex").asLong()).isPositive();
            assertThat(s.get("LastSuccess").asText()).isNotEqualTo("0001-01-01T00:00:00Z");
        });
        // dc2's leader reports replication in Consul's gauges too
        await().atMost(REPLICATION).until(() -> DC2_SERVERS.stream().anyMatch(server ->
                gauge(new Http(cluster.httpAddress(server)).withToken(ROOT), "leader.replication.acl-tokens.status")
                        == 1));
        // any agent of dc1 may ask about dc2
        assertThat(dc1.get("/v1/acl/replication?dc=dc2").json().get("SourceDatacenter").asText()).isEqualTo("dc1");
    }

    @Test
    @Order(2)
    void globalTokenMadeInThePrimaryAuthorizesInTheSecondary() {
        Http.Reply policy = dc1.put("/v1/acl/policy",
                "{\"Name\":\"agent-reader\",\"Rules\":\"agent_prefix \\\"\\\" { policy = \\\"read\\\" }\"}");
        assertThat(policy.status()).isEqualTo(200);
        Http.Reply token = dc1.put("/v1/acl/token", "{\"Description\":\"reader\",\"Policies\":[{\"Name\":\"agent-reader\"}]}");
        assertThat(token.status()).isEqualTo(200);
        readerSecret = token.json().get("SecretID").asText();
        Http reader = new Http(cluster.httpAddress("dc2-c1")).withToken(readerSecret);
        await().atMost(REPLICATION).until(() -> reader.get("/v1/agent/self").status() == 200);
        // and it is a read token only, in dc2 as in dc1
        assertThat(reader.put("/v1/agent/reload", "").status()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void dcParameterIsServedByThatDatacenter() {
        Http.Reply tokens = dc1.get("/v1/acl/tokens?dc=dc2");
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(tokens.header("X-Consul-Index")).isNotNull();
        Http.Reply unknown = dc1.get("/v1/acl/tokens?dc=dc9");
        assertThat(unknown.status()).isEqualTo(500);
        assertThat(unknown.body()).isEqualTo("No path to datacenter");
        // a server forwards as a client agent does
        Http.Reply fromServer = new Http(cluster.httpAddress("dc1-s2")).withToken(ROOT).get("/v1/acl/policies?dc=dc2");
        assertThat(fromServer.status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void localTokenOfTheSecondaryStaysThere() throws Exception {
        // a blocking query of dc2's tokens, asked of dc1, wakes on dc2's write
        long index = Long.parseLong(dc1.get("/v1/acl/tokens?dc=dc2").header("X-Consul-Index"));
        CompletableFuture<Http.Reply> blocked = CompletableFuture.supplyAsync(
                () -> dc1.get("/v1/acl/tokens?dc=dc2&index=" + index + "&wait=20s"));
        Http.Reply local = dc2.put("/v1/acl/token", "{\"Description\":\"dc2 only\",\"Local\":true,"
                + "\"Policies\":[{\"Name\":\"agent-reader\"}]}");
        assertThat(local.status()).as(local.body()).isEqualTo(200);
        dc2LocalAccessor = local.json().get("AccessorID").asText();
        Http.Reply woken = blocked.get(30, TimeUnit.SECONDS);
        assertThat(woken.status()).isEqualTo(200);
        assertThat(Long.parseLong(woken.header("X-Consul-Index"))).isGreaterThan(index);
        assertThat(woken.body()).contains(dc2LocalAccessor);
        dc2LocalSecret = local.json().get("SecretID").asText();
        assertThat(dc2.get("/v1/acl/token/" + dc2LocalAccessor).status()).isEqualTo(200);
        // a server resolves from its own replica: a follower has the token once it applied the write
        Http localInDc2 = new Http(cluster.httpAddress("dc2-s1")).withToken(dc2LocalSecret);
        await().atMost(Duration.ofSeconds(10)).until(() -> localInDc2.get("/v1/agent/self").status() == 200);

        // dc1 does not know it: reading it or using it is as for any unknown token
        Http.Reply read = dc1.get("/v1/acl/token/" + dc2LocalAccessor);
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.body()).contains("ACL not found");
        Http.Reply used = new Http(cluster.httpAddress("dc1-c1")).withToken(dc2LocalSecret).get("/v1/agent/self");
        assertThat(used.status()).isEqualTo(403);
        assertThat(used.body()).isEqualTo("ACL not found");
        // but dc1 reaches it in dc2
        assertThat(dc1.get("/v1/acl/token/" + dc2LocalAccessor + "?dc=dc2").status()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void globalWriteThroughTheSecondaryIsMadeInThePrimary() {
        Http.Reply made = dc2.put("/v1/acl/token", "{\"Description\":\"made through dc2\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        String accessor = made.json().get("AccessorID").asText();
        assertThat(made.json().get("Local").asBoolean()).isFalse();
        assertThat(dc1.get("/v1/acl/token/" + accessor).status()).isEqualTo(200);
        await().atMost(REPLICATION).until(() -> dc2.get("/v1/acl/token/" + accessor).status() == 200);
        // policies too
        Http.Reply policy = dc2.put("/v1/acl/policy", "{\"Name\":\"through-dc2\",\"Rules\":\"\"}");
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);
        assertThat(dc1.get("/v1/acl/policy/name/through-dc2").status()).isEqualTo(200);
        // only the primary bootstraps
        Http.Reply bootstrap = new Http(cluster.httpAddress("dc2-c1")).put("/v1/acl/bootstrap", "");
        assertThat(bootstrap.status()).isEqualTo(500);
        assertThat(bootstrap.body()).isEqualTo("ACL support disabled");
    }

    @Test
    @Order(6)
    void secondaryKeepsAuthorizingWhileThePrimaryIsDownAndCatchesUpAfter() {
        DC1_SERVERS.forEach(cluster::kill);
        Http reader = new Http(cluster.httpAddress("dc2-c1")).withToken(readerSecret);
        await().atMost(CONVERGE).untilAsserted(() -> {
            // dc2's servers see dc1's as failed: a global write has nowhere to go
            Http.Reply global = dc2.put("/v1/acl/token", "{\"Description\":\"global while dc1 is down\"}");
            assertThat(global.status()).isEqualTo(500);
        });
        assertThat(reader.get("/v1/agent/self").status()).isEqualTo(200);
        assertThat(new Http(cluster.httpAddress("dc2-s3")).withToken(dc2LocalSecret).get("/v1/agent/self").status())
                .isEqualTo(200);
        Http.Reply local = dc2.put("/v1/acl/token", "{\"Description\":\"local while dc1 is down\",\"Local\":true}");
        assertThat(local.status()).as(local.body()).isEqualTo(200);
        await().atMost(REPLICATION).untilAsserted(() ->
                assertThat(dc2.get("/v1/acl/replication").json().get("LastErrorMessage").asText()).isNotEmpty());

        DC1_SERVERS.forEach(cluster::restart);
        await().atMost(CONVERGE).until(() -> dc1.get("/v1/acl/token/self").status() == 200);
        Http.Reply after = dc1.put("/v1/acl/token", "{\"Description\":\"after dc1 returned\"}");
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        String accessor = after.json().get("AccessorID").asText();
        await().atMost(CONVERGE).until(() -> dc2.get("/v1/acl/token/" + accessor).status() == 200);
        // both hold the same global tokens and policies; dc2 has its Local tokens besides
        await().atMost(REPLICATION).untilAsserted(() -> {
            assertThat(globalTokens(dc2)).isEqualTo(globalTokens(dc1));
            assertThat(policies(dc2)).isEqualTo(policies(dc1));
        });
        assertThat(dc2.get("/v1/acl/token/" + dc2LocalAccessor).status()).isEqualTo(200);
    }

    /** The value of the gauge named {@code consul.[<host>.]<name>} in the agent's metrics, or -1. */
    private static long gauge(Http http, String name) {
        Http.Reply r = http.get("/v1/agent/metrics");
        if (r.status() != 200) {
            return -1;
        }
        for (JsonNode g : r.json().get("Gauges")) {
            if (g.get("Name").asText().matches("consul\\.([^.]+\\.)?" + java.util.regex.Pattern.quote(name))) {
                return g.get("Value").asLong();
            }
        }
        return -1;
    }

    private static Set<String> globalTokens(Http http) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode t : http.get("/v1/acl/tokens").json()) {
            if (!t.get("Local").asBoolean()) {
                ids.add(t.get("AccessorID").asText() + " " + t.get("Hash").asText());
            }
        }
        return ids;
    }

    private static Set<String> policies(Http http) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode p : http.get("/v1/acl/policies").json()) {
            ids.add(p.get("ID").asText() + " " + p.get("Hash").asText());
        }
        return ids;
    }
}
