package dev.attache.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.agent.Agent;
import dev.attache.agent.AgentConfig;
import dev.attache.agent.TelemetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus output of a real agent, checked by Prometheus' own tools, which this test installs from Debian's
 * packages when they are missing and it runs as root on Debian (it fails there if it still cannot run them):
 * <ul>
 *   <li>the text format 0.0.4 by {@code promtool check metrics} (package {@code prometheus}): parsed and linted;</li>
 *   <li>OpenMetrics by the strict OpenMetrics parser of Prometheus' Python client (package
 *       {@code python3-prometheus-client}), since {@code promtool check metrics} 2.42 reads only the text format 0.0.4
 *       (it stops at OpenMetrics' {@code info} type and misreads counters' {@code _total}).</li>
 * </ul>
 */
class PrometheusPromtoolIT {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String OPENMETRICS_PARSER =
            "/usr/lib/python3/dist-packages/prometheus_client/openmetrics/parser.py";
    /** Parses the file named by argv[1] as OpenMetrics (raises on any error) and prints each family's name and type. */
    private static final String PARSE_OPENMETRICS = String.join("\n",
            "import sys",
            "from prometheus_client.openmetrics.parser import text_string_to_metric_families",
            "for f in text_string_to_metric_families(open(sys.argv[1], encoding='utf-8').read()):",
            "    print(f.name, f.type)");
    private static Agent agent;

    @BeforeAll
    static void start() {
        agent = Agent.builder().config(AgentConfig.dev().nodeName("promtool-1").ports(AgentConfig.Ports.EPHEMERAL)
                .telemetry(TelemetryConfig.DEFAULTS.withPrometheusRetentionTime(Duration.ofMinutes(5))).build())
                .start();
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void textFormatPassesPromtool() throws Exception {
        traffic();
        HttpResponse<String> r = get("/v1/agent/metrics?format=prometheus", Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("consul_api_http_count{method=\"GET\",path=\"v1_agent_self\",}");
        check(r.body(), "metrics-004.txt");
    }

    @Test
    void openMetricsPassesPromtool() throws Exception {
        traffic();
        HttpResponse<String> r = get("/v1/agent/metrics", Map.of("Accept", "application/openmetrics-text"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(r.body()).endsWith("# EOF\n").contains("# TYPE consul_api_http summary");
        Path file = write(r.body(), "metrics-openmetrics.txt");
        DebianPackages.require(Path.of(OPENMETRICS_PARSER), "python3-prometheus-client");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", PARSE_OPENMETRICS, file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("the OpenMetrics parser on %s said: %s", file, out).isZero();
        assertThat(out.lines().toList()).as("families the parser read").contains("consul_api_http summary");
    }

    /** Requests on a few routes, an error among them, so that every kind of series is in the output. */
    private static void traffic() throws Exception {
        get("/v1/agent/self", Map.of());
        get("/v1/agent/members", Map.of());
        get("/v1/acl/tokens", Map.of()); // 401 with ACLs off: still timed
    }

    private static void check(String exposition, String fileName) throws Exception {
        Path file = write(exposition, fileName);
        Path promtool = DebianPackages.require(Path.of("/usr/bin/promtool"), "prometheus");
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectInput(file.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("promtool check metrics on %s", file).isBlank();
        assertThat(p.exitValue()).as("promtool's exit status; it said: %s", out).isZero();
    }

    /** The exposition in {@code target/promtool/}, kept for a look after a failure. */
    private static Path write(String exposition, String fileName) throws IOException {
        return Files.writeString(Files.createDirectories(Path.of("target", "promtool")).resolve(fileName), exposition);
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(agent.httpAddress() + path))
                .timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
