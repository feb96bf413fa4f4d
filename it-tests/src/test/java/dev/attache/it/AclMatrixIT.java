package dev.attache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attache.agent.AclConfig;
import dev.attache.agent.Agent;
import dev.attache.agent.AgentConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route of the agent and ACL token specs × {anonymous, a token without policies, read, write, management}
 * → the status Consul answers, on an agent with {@code default_policy = deny} and one with {@code allow}. A route
 * the caller may not use answers 403 with Consul's "Permission denied" text naming the missing permission; one it
 * may use answers the route's own status (chosen inputs keep every call harmless: unknown IDs, an unreachable join
 * address, an unknown node).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AclMatrixIT {
    static final String MANAGEMENT = "6e0d3c41-7b5e-4f7e-9a1c-1b4d2c9f0a01";

    enum Caller { ANONYMOUS, NO_POLICY, READ, WRITE, MANAGEMENT }

    /** What a route requires: a resource and level ("none" routes have no check). */
    record Required(String resource, String level) {
        static final Required NONE = new Required(null, null);

        String word() {
            return resource + ":" + level;
        }
    }

    /** One route: method, path and body (made per call), what it requires, and its status when permitted. */
    /** Routes whose 200 is a stream that only ends when the client goes (read by {@code streamHead}). */
    static final java.util.Set<String> STREAMING = java.util.Set.of("/v1/agent/monitor");

    record Route(String method, Supplier<String> path, Supplier<String> body, Required required, int permitted) {
        String label() {
            return method + " " + path.get().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", ":id");
        }
    }

    /** One agent under test and the tokens made in it. */
    final class Setup {
        final String defaultPolicy;
        final Agent agent;
        final Map<Caller, String> secrets = new EnumMap<>(Caller.class);
        final Map<Caller, String> accessors = new EnumMap<>(Caller.class);
        String victimToken;
        String targetPolicy;

        Setup(String defaultPolicy, String node) {
            this.defaultPolicy = defaultPolicy;
            AclConfig acl = AclConfig.enabled(AclConfig.parseDefaultPolicy(defaultPolicy), MANAGEMENT);
            this.agent = Agent.builder().config(AgentConfig.dev().nodeName(node).ports(AgentConfig.Ports.EPHEMERAL)
                    .acl(acl).build()).start();
            Http mgmt = http(MANAGEMENT);
            await("the ACL state initialized").atMost(Duration.ofSeconds(60))
                    .until(() -> mgmt.get("/v1/acl/token/self").status() == 200);
            String read = policy(mgmt, "matrix-read", "read");
            String write = policy(mgmt, "matrix-write", "write");
            token(mgmt, Caller.NO_POLICY, "{\"Description\":\"no policy\"}");
            token(mgmt, Caller.READ, "{\"Description\":\"read\",\"Policies\":[{\"ID\":\"" + read + "\"}]}");
            token(mgmt, Caller.WRITE, "{\"Description\":\"write\",\"Policies\":[{\"Name\":\"matrix-write\"}]}");
            secrets.put(Caller.MANAGEMENT, MANAGEMENT);
            accessors.put(Caller.MANAGEMENT, mgmt.get("/v1/acl/token/self").json().get("AccessorID").asText());
            accessors.put(Caller.ANONYMOUS, "00000000-0000-0000-0000-000000000002");
            victimToken = created(mgmt.put("/v1/acl/token", "{\"Description\":\"victim\"}")).get("AccessorID").asText();
            targetPolicy = created(mgmt.put("/v1/acl/policy", "{\"Name\":\"matrix-target\"}")).get("ID").asText();
            assertThat(write).isNotEqualTo(read);
        }

        Http http(String secret) {
            return new Http(agent.httpAddress()).withToken(secret);
        }

        Http as(Caller c) {
            return http(secrets.get(c));
        }

        private String policy(Http mgmt, String name, String level) {
            String rules = "acl = \\\"" + level + "\\\"\\noperator = \\\"" + level + "\\\"\\n"
                    + "agent_prefix \\\"\\\" { policy = \\\"" + level + "\\\" }\\n"
                    + "node_prefix \\\"\\\" { policy = \\\"" + level + "\\\" }";
            return created(mgmt.put("/v1/acl/policy", "{\"Name\":\"" + name + "\",\"Rules\":\"" + rules + "\"}"))
                    .get("ID").asText();
        }

        private void token(Http mgmt, Caller c, String body) {
            JsonNode t = created(mgmt.put("/v1/acl/token", body));
            secrets.put(c, t.get("SecretID").asText());
            accessors.put(c, t.get("AccessorID").asText());
        }

        /** May {@code c} do what {@code r} requires, with this agent's default policy? */
        boolean permits(Caller c, Required r) {
            if (r == Required.NONE || c == Caller.WRITE || c == Caller.MANAGEMENT) {
                return true;
            }
            if (c == Caller.READ) {
                return r.level().equals("read"); // its rules name every resource the routes check
            }
            return defaultPolicy.equals("allow") && !r.resource().equals("acl");
        }

        List<Route> routes() {
            List<Route> routes = new ArrayList<>();
            // /v1/agent/* (agent-http-api.md)
            routes.add(route("GET", "/v1/agent/version", null, Required.NONE, 200));
            routes.add(route("GET", "/v1/agent/self", null, new Required("agent", "read"), 200));
            routes.add(route("GET", "/v1/agent/monitor", null, new Required("agent", "read"), 200));
            routes.add(route("GET", "/v1/agent/metrics", null, new Required("agent", "read"), 200));
            routes.add(route("GET", "/v1/agent/host", null, new Required("operator", "read"), 200));
            routes.add(route("GET", "/v1/agent/members", null, Required.NONE, 200));
            routes.add(route("PUT", "/v1/agent/join/127.0.0.1:1", null, new Required("agent", "write"), 500));
            routes.add(route("PUT", "/v1/agent/force-leave/no-such-node", null, new Required("operator", "write"),
                    500));
            routes.add(route("PUT", "/v1/agent/token/dns", "{\"Token\":\"\"}", new Required("agent", "write"),
                    200));
            routes.add(route("PUT", "/v1/agent/reload", null, new Required("agent", "write"), 200));
            routes.add(route("PUT", "/v1/agent/maintenance?enable=false", null, new Required("node", "write"), 200));
            // /v1/acl/* (acl-token-http-api.md and the policies tokens link to)
            routes.add(route("PUT", "/v1/acl/bootstrap", null, Required.NONE, 403));
            routes.add(new Route("PUT", () -> "/v1/acl/token", () -> "{\"Description\":\"made\"}",
                    new Required("acl", "write"), 200));
            routes.add(route("GET", "/v1/acl/token/self", null, Required.NONE, 200));
            routes.add(route("GET", "/v1/acl/token/" + victimToken, null, new Required("acl", "read"), 200));
            routes.add(route("PUT", "/v1/acl/token/" + victimToken, "{\"Description\":\"updated\"}",
                    new Required("acl", "write"), 200));
            routes.add(route("PUT", "/v1/acl/token/" + victimToken + "/clone", "{\"Description\":\"clone\"}",
                    new Required("acl", "write"), 200));
            routes.add(new Route("DELETE", () -> "/v1/acl/token/" + UUID.randomUUID(), () -> null,
                    new Required("acl", "write"), 404));
            routes.add(route("GET", "/v1/acl/tokens", null, new Required("acl", "read"), 200));
            routes.add(new Route("PUT", () -> "/v1/acl/policy",
                    () -> "{\"Name\":\"p-" + UUID.randomUUID().toString().substring(0, 8) + "\"}",
                    new Required("acl", "write"), 200));
            routes.add(route("GET", "/v1/acl/policy/" + targetPolicy, null, new Required("acl", "read"), 200));
            routes.add(route("PUT", "/v1/acl/policy/" + targetPolicy, "{\"Name\":\"matrix-target\"}",
                    new Required("acl", "write"), 200));
            routes.add(new Route("DELETE", () -> "/v1/acl/policy/" + UUID.randomUUID(), () -> null,
                    new Required("acl", "write"), 404));
            routes.add(route("GET", "/v1/acl/policy/name/matrix-target", null, new Required("acl", "read"), 200));
            routes.add(route("GET", "/v1/acl/policies", null, new Required("acl", "read"), 200));
            return routes;
        }

        /**
         * A GET of a streaming route: the status and headers, and the body only when it is an error; a stream is
         * closed as soon as its head arrived.
         */
        Http.Reply streamHead(String secret, String path) throws Exception {
            java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(agent.httpAddress() + path)).timeout(Duration.ofSeconds(30));
            if (secret != null) {
                b.header("X-Consul-Token", secret);
            }
            java.net.http.HttpResponse<java.io.InputStream> r = java.net.http.HttpClient.newHttpClient()
                    .send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream body = r.body()) {
                String text = r.statusCode() == 200 ? "" : new String(body.readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
                return new Http.Reply(r.statusCode(), r.headers(), text);
            }
        }

        private Route route(String method, String path, String body, Required required, int permitted) {
            return new Route(method, () -> path, () -> body, required, permitted);
        }

        void check(Route r, Caller c) throws Exception {
            Http.Reply reply = STREAMING.contains(r.path().get())
                    ? streamHead(secrets.get(c), r.path().get())
                    : as(c).method(r.method(), r.path().get(), r.body().get());
            if (permits(c, r.required())) {
                assertThat(reply.status()).as(reply.body()).isEqualTo(r.permitted());
                assertThat(reply.body()).doesNotContain("lacks permission");
            } else {
                assertThat(reply.status()).as(reply.body()).isEqualTo(403);
                String who = c == Caller.ANONYMOUS
                        ? "anonymous token"
                        : "token with AccessorID '" + accessors.get(c) + "'";
                assertThat(reply.body()).startsWith("Permission denied: " + who + " lacks permission '"
                        + r.required().word() + "'");
            }
        }
    }

    private Setup deny;
    private Setup allow;

    @BeforeAll
    void start() {
        deny = new Setup("deny", "matrix-deny");
        allow = new Setup("allow", "matrix-allow");
    }

    @AfterAll
    void stop() {
        for (Setup s : new Setup[] {deny, allow}) {
            if (s != null) {
                s.agent.close();
            }
        }
    }

    @TestFactory
    Stream<DynamicContainer> everyRouteForEveryCaller() {
        return Stream.of(deny, allow).map(s -> DynamicContainer.dynamicContainer("default_policy=" + s.defaultPolicy,
                s.routes().stream().map(r -> DynamicContainer.dynamicContainer(r.label(),
                        Stream.of(Caller.values()).map(c -> DynamicTest.dynamicTest(c.name().toLowerCase(),
                                () -> s.check(r, c)))))));
    }

    @Test
    void membersAreFilteredByNodeRead() {
        for (Caller c : Caller.values()) {
            JsonNode denyView = deny.as(c).get("/v1/agent/members").json();
            boolean sees = c != Caller.ANONYMOUS && c != Caller.NO_POLICY;
            assertThat(denyView.size()).as(c + " under deny").isEqualTo(sees ? 1 : 0);
            assertThat(allow.as(c).get("/v1/agent/members").json().size()).as(c + " under allow").isEqualTo(1);
        }
        Http.Reply filtered = deny.as(Caller.NO_POLICY).get("/v1/agent/members");
        assertThat(filtered.header("X-Consul-Results-Filtered-By-ACLs")).isEqualTo("true");
    }

    @Test
    void anUnknownTokenIsAclNotFoundEverywhereItIsChecked() {
        Http stranger = deny.http(UUID.randomUUID().toString());
        Http.Reply self = stranger.get("/v1/agent/self");
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.body()).isEqualTo("ACL not found");
        assertThat(stranger.get("/v1/agent/version").status()).isEqualTo(200);
        Http.Reply delete = stranger.delete("/v1/acl/token/" + deny.victimToken);
        assertThat(delete.status()).isEqualTo(404);
        assertThat(delete.body()).isEqualTo("Cannot find token to delete");
    }

    @Test
    void leaveNeedsAgentWriteAndThenStopsTheAgent() {
        Setup s = new Setup("deny", "matrix-leave");
        try {
            for (Caller c : List.of(Caller.ANONYMOUS, Caller.NO_POLICY, Caller.READ)) {
                Http.Reply r = s.as(c).put("/v1/agent/leave", "");
                assertThat(r.status()).as(c.name()).isEqualTo(403);
                assertThat(r.body()).contains("lacks permission 'agent:write' on \"matrix-leave\"");
            }
            assertThat(s.as(Caller.WRITE).put("/v1/agent/leave", "").status()).isEqualTo(200);
            assertThat(s.agent.whenStopped()).succeedsWithin(Duration.ofSeconds(60));
        } finally {
            s.agent.close();
        }
    }

    private static JsonNode created(Http.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
