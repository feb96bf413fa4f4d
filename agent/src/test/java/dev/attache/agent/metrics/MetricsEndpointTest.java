package dev.attache.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.acl.DefaultPolicy;
import dev.attache.agent.AclConfig;
import dev.attache.agent.Agent;
import dev.attache.agent.AgentConfig;
import dev.attache.agent.TelemetryConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/agent/metrics} of a real agent over HTTP: the JSON intervals, Prometheus negotiation, ACLs. */
class MetricsEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final DateTimeFormatter GO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000 UTC'").withZone(ZoneOffset.UTC);
    private static final String ROOT = "5b4b1d2c-2f4e-4d9a-9a3c-0e7f7a1b2c3d";

    @TempDir
    static Path dataDir;
    private static Agent agent;

    @BeforeAll
    static void start() {
        agent = Agent.builder().config(AgentConfig.dev().nodeName("metrics-1").ports(AgentConfig.Ports.EPHEMERAL)
                .telemetry(TelemetryConfig.DEFAULTS.withPrometheusRetentionTime(Duration.ofMinutes(1)))
                .build()).start();
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    @Test
    void jsonShowsThePreviousCompletedIntervalWithTheRequestsOfIt() throws Exception {
        long before;
        long after;
        do { // one request inside one 10-second interval of the agent's clock
            before = System.currentTimeMillis();
            assertThat(get(agent, "/v1/agent/self", Map.of()).statusCode()).isEqualTo(200);
            after = System.currentTimeMillis();
        } while (before / 10_000 != after / 10_000);
        long requested = before - before % 10_000;

        JsonNode now = JSON.readTree(get(agent, "/v1/agent/metrics", Map.of()).body());
        assertThat(now.fieldNames()).toIterable()
                .containsExactly("Timestamp", "Gauges", "Points", "Counters", "Samples");
        // while the request's interval runs, the one before it is shown (or it itself, when it is the first)
        assertThat(now.get("Timestamp").asText()).isIn(timestamp(requested), timestamp(requested - 10_000));

        JsonNode shown = await("the request's interval is completed and shown").atMost(Duration.ofSeconds(25))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> JSON.readTree(get(agent, "/v1/agent/metrics", Map.of()).body()),
                        j -> j.get("Timestamp").asText().equals(timestamp(requested))
                                && System.currentTimeMillis() >= requested + 10_000);
        JsonNode http = find(shown.get("Samples"), "consul.api.http", Map.of("method", "GET", "path", "v1_agent_self"));
        assertThat(http).as("consul.api.http for GET /v1/agent/self in %s", shown).isNotNull();
        assertThat(http.fieldNames()).toIterable()
                .containsExactly("Name", "Count", "Rate", "Sum", "Min", "Max", "Mean", "Stddev", "Labels");
        assertThat(http.get("Count").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(http.get("Labels").fieldNames()).toIterable().containsExactly("method", "path"); // sorted, as Go's
        assertThat(http.get("Rate").asDouble()).isCloseTo(http.get("Sum").asDouble() / 10, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(http.get("Min").asDouble()).isLessThanOrEqualTo(http.get("Max").asDouble());

        JsonNode threads = null;
        for (JsonNode g : shown.get("Gauges")) {
            if (g.get("Name").asText().matches("consul\\.[^.]+\\.runtime\\.num_goroutines")) {
                threads = g; // the host name sits between the prefix and the name
            }
        }
        assertThat(threads).as("runtime gauge with the host name in %s", shown.get("Gauges")).isNotNull();
        assertThat(threads.get("Value").asLong()).isPositive();
        assertThat(threads.get("Labels").isObject()).isTrue();
        assertThat(shown.get("Points").isArray()).isTrue();
    }

    @Test
    void prometheusTextByQueryAndByAccept() throws Exception {
        get(agent, "/v1/agent/self", Map.of());
        HttpResponse<String> byQuery = get(agent, "/v1/agent/metrics?format=prometheus", Map.of());
        assertThat(byQuery.statusCode()).isEqualTo(200);
        assertThat(byQuery.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(byQuery.body())
                .contains("# TYPE consul_api_http summary")
                .contains("consul_api_http{method=\"GET\",path=\"v1_agent_self\",quantile=\"0.99\",}")
                .contains("consul_api_http_count{method=\"GET\",path=\"v1_agent_self\",}")
                .contains("# TYPE consul_raft_state_leader_total counter")
                .contains("consul_raft_state_leader_total 1.0")
                .contains("jvm_threads_current")
                .contains("process_cpu_seconds_total")
                .doesNotContain("# EOF");

        HttpResponse<String> openMetrics = get(agent, "/v1/agent/metrics",
                Map.of("Accept", "application/openmetrics-text; version=1.0.0,text/plain;version=0.0.4;q=0.5"));
        assertThat(openMetrics.statusCode()).isEqualTo(200);
        assertThat(openMetrics.headers().firstValue("Content-Type"))
                .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(openMetrics.body()).contains("# TYPE consul_api_http summary").endsWith("# EOF\n");

        HttpResponse<String> consulSpelling = get(agent, "/v1/agent/metrics", Map.of("Accept", "text/plain;version=0.4.0"));
        assertThat(consulSpelling.headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(consulSpelling.body()).contains("consul_api_http_sum");

        HttpResponse<String> json = get(agent, "/v1/agent/metrics", Map.of("Accept", "text/plain"));
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void aclsGuardTheEndpointAndPrometheusNeedsARetentionTime(@TempDir Path dir) throws Exception {
        try (Agent secured = Agent.builder().config(AgentConfig.builder().nodeName("metrics-acl").server(true)
                .bootstrapExpect(1).bindAddress("127.0.0.1").clientAddress("127.0.0.1")
                .ports(AgentConfig.Ports.EPHEMERAL).dataDir(dir)
                .acl(new AclConfig(true, DefaultPolicy.DENY, null, false, null, AclConfig.Tokens.initialManagement(ROOT)))
                .build()).start()) {
            HttpResponse<String> anonymous = await("ACLs answer").atMost(Duration.ofSeconds(60))
                    .until(() -> get(secured, "/v1/agent/metrics", Map.of()), r -> r.statusCode() == 403);
            assertThat(anonymous.body()).contains("lacks permission 'agent:read'");

            HttpResponse<String> managed = await("the initial management token exists").atMost(Duration.ofSeconds(30))
                    .until(() -> get(secured, "/v1/agent/metrics", Map.of("X-Consul-Token", ROOT)),
                            r -> r.statusCode() == 200);
            assertThat(JSON.readTree(managed.body()).has("Samples")).isTrue();

            HttpResponse<String> off = get(secured, "/v1/agent/metrics?format=prometheus", Map.of("X-Consul-Token", ROOT));
            assertThat(off.statusCode()).isEqualTo(415);
            assertThat(off.body()).isEqualTo("Prometheus is not enabled since its retention time is not positive");
            assertThat(off.headers().firstValue("X-Consul-Reason")).hasValue(off.body());

            HttpResponse<String> policy = await("an ACL write").atMost(Duration.ofSeconds(30))
                    .until(() -> send(secured, HttpRequest.newBuilder().PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"Name\":\"metrics-readers\",\"Rules\":\"agent_prefix \\\"\\\" { policy = \\\"read\\\" }\"}")),
                            "/v1/acl/policy", Map.of("X-Consul-Token", ROOT)), r -> r.statusCode() == 200);
            assertThat(policy.body()).contains("metrics-readers");
            assertThat(secured.metrics().getCounters().get("consul.raft.apply").getCount()).isPositive();
            assertThat(secured.metrics().getTimers().get("consul.acl.ResolveToken").getCount()).isPositive();
            assertThat(secured.metrics().getGauges().keySet()).anyMatch(k -> k.endsWith(".server.isLeader"));
        }
    }

    private static String timestamp(long millis) {
        return GO_TIME.format(Instant.ofEpochMilli(millis));
    }

    private static JsonNode find(JsonNode list, String name, Map<String, String> labels) {
        List<JsonNode> found = new ArrayList<>();
        list.forEach(n -> {
            if (n.get("Name").asText().equals(name)
                    && labels.entrySet().stream().allMatch(e -> e.getValue().equals(n.get("Labels").path(e.getKey()).asText()))) {
                found.add(n);
            }
        });
        return found.isEmpty() ? null : found.get(0);
    }

    private static HttpResponse<String> get(Agent a, String path, Map<String, String> headers) throws Exception {
        return send(a, HttpRequest.newBuilder().GET(), path, headers);
    }

    private static HttpResponse<String> send(Agent a, HttpRequest.Builder b, String path, Map<String, String> headers)
            throws Exception {
        b.uri(URI.create(a.httpAddress() + path)).timeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
