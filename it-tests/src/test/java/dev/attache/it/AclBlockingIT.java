package dev.attache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.attache.acl.DefaultPolicy;
import dev.attache.agent.AclConfig;
import dev.attache.agent.Agent;
import dev.attache.agent.AgentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Blocking queries and consistency modes over HTTP against real agents: three servers and a client agent in this
 * JVM. A blocked read through any agent wakes on a write through another; with no leader, default and consistent
 * reads answer Consul's "No cluster leader" and stale reads are still served.
 */
class AclBlockingIT {
    static final String MANAGEMENT = "3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d";
    static final Duration FORMED = Duration.ofSeconds(90);

    private final List<Agent> agents = new ArrayList<>();

    @AfterEach
    void stop() {
        agents.parallelStream().forEach(Agent::close);
    }

    private Agent start(String name, boolean server, List<String> join) throws Exception {
        Path data = Files.createTempDirectory("attache-blocking-" + name);
        AgentConfig.Builder b = AgentConfig.builder().nodeName(name).server(server).bootstrapExpect(server ? 3 : 0)
                .bindAddress("127.0.0.1").clientAddress("127.0.0.1").ports(AgentConfig.Ports.EPHEMERAL)
                .dataDir(data).gossipLan(dev.attache.cluster.GossipConfig.FAST)
                .acl(AclConfig.enabled(DefaultPolicy.DENY, MANAGEMENT));
        join.forEach(b::retryJoin);
        Agent a = Agent.builder().config(b.build()).start();
        agents.add(a);
        return a;
    }

    private List<Agent> cluster() throws Exception {
        Agent s1 = start("b-s1", true, List.of());
        List<CompletableFuture<Agent>> rest = new ArrayList<>();
        for (String n : List.of("b-s2", "b-s3")) {
            rest.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return start(n, true, List.of(s1.lanAddress()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Agent> all = new ArrayList<>(List.of(s1));
        rest.forEach(f -> all.add(f.join()));
        all.add(start("b-c1", false, List.of(s1.lanAddress())));
        for (Agent a : all) {
            await(a.nodeName() + " ready").atMost(FORMED).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> http(a).get("/v1/acl/token/self").status() == 200);
        }
        return all;
    }

    private static Http http(Agent a) {
        return new Http(a.httpAddress()).withToken(MANAGEMENT);
    }

    private static long index(Http.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return Long.parseLong(r.header("X-Consul-Index"));
    }

    @Test
    void blockedReadsThroughEveryAgentWakeOnOneWriteAndTimeOutWhenNothingChanges() throws Exception {
        List<Agent> all = cluster();
        long before = index(http(all.get(0)).get("/v1/acl/tokens"));
        List<CompletableFuture<Http.Reply>> blocked = new ArrayList<>();
        for (Agent a : all) {
            for (String mode : List.of("", "&stale", "&consistent")) {
                blocked.add(CompletableFuture.supplyAsync(() ->
                        http(a).get("/v1/acl/tokens?index=" + before + "&wait=60s" + mode)));
            }
        }
        Http.Reply made = http(all.get(3)).put("/v1/acl/token", "{\"Description\":\"wake up\"}");
        assertThat(made.status()).isEqualTo(200);
        long written = made.json().get("ModifyIndex").asLong();
        for (CompletableFuture<Http.Reply> f : blocked) {
            Http.Reply r = f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(index(r)).isGreaterThanOrEqualTo(written);
            assertThat(r.body()).contains(made.json().get("AccessorID").asText());
            assertThat(r.header("X-Consul-KnownLeader")).isEqualTo("true");
        }
        Http.Reply same = http(all.get(1)).get("/v1/acl/token/self?index=" + written + "&wait=400ms");
        assertThat(index(same)).isEqualTo(written);
    }

    @Test
    void withNoLeaderStaleReadsAreServedAndOthersGetNoClusterLeader() throws Exception {
        List<Agent> all = cluster();
        List<Agent> servers = all.subList(0, 3);
        // keep a follower: a leader that loses its quorum is not guaranteed to notice at once
        Agent survivor = await().atMost(FORMED).ignoreExceptions().until(() -> servers.stream()
                .filter(a -> "Follower".equals(http(a).get("/v1/agent/self").json()
                        .path("Stats").path("raft").path("state").asText()))
                .findFirst().orElse(null), a -> a != null);
        Agent client = all.get(3);
        servers.stream().filter(a -> a != survivor).forEach(Agent::close);
        await("the survivor knows no leader").atMost(FORMED).pollInterval(Duration.ofMillis(250))
                .until(() -> "false".equals(http(survivor).get("/v1/acl/tokens?stale").header("X-Consul-KnownLeader")));

        Http.Reply stale = http(survivor).get("/v1/acl/tokens?stale");
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.json().size()).isGreaterThanOrEqualTo(2);
        assertThat(Long.parseLong(stale.header("X-Consul-LastContact"))).isPositive();
        Http.Reply viaClient = http(client).get("/v1/acl/token/self?stale");
        assertThat(viaClient.status()).isEqualTo(200);

        for (String mode : List.of("", "?consistent")) {
            Http.Reply r = http(survivor).get("/v1/acl/tokens" + mode);
            assertThat(r.status()).as(mode).isEqualTo(500);
            assertThat(r.body()).isEqualTo("No cluster leader");
            assertThat(r.header("X-Consul-KnownLeader")).isEqualTo("false");
        }
    }
}
