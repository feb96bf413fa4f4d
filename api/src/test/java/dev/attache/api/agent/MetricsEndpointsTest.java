package dev.attache.api.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.acl.AclIdentity;
import dev.attache.api.ApiException;
import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsEndpointsTest {

    @Test
    void formatIsChosenAsConsulReadsIt() {
        assertThat(MetricsEndpoints.wantsPrometheus(null, null)).isFalse();
        assertThat(MetricsEndpoints.wantsPrometheus("prometheus", null)).isTrue();
        assertThat(MetricsEndpoints.wantsPrometheus("Prometheus", null)).isFalse();
        assertThat(MetricsEndpoints.wantsPrometheus("json", "application/json")).isFalse();
        assertThat(MetricsEndpoints.wantsPrometheus(null, "application/openmetrics-text")).isTrue();
        assertThat(MetricsEndpoints.wantsPrometheus(null,
                "application/json, Application/OpenMetrics-Text; version=1.0.0;q=0.9")).isTrue();
        assertThat(MetricsEndpoints.wantsPrometheus(null, "text/plain;version=0.4.0")).isTrue();
        assertThat(MetricsEndpoints.wantsPrometheus(null, "text/plain; version=0.0.4; q=0.5")).isTrue();
        assertThat(MetricsEndpoints.wantsPrometheus(null, "text/plain")).isFalse();
        assertThat(MetricsEndpoints.wantsPrometheus(null, "text/plain;q=0.5;version=0.0.4")).isFalse();
        assertThat(MetricsEndpoints.wantsPrometheus(null, "*/*")).isFalse();
    }

    @Test
    void prometheusWithoutRetentionIs415WithTheReasonInBodyAndHeader() {
        MetricsEndpoints endpoints = new MetricsEndpoints(new MetricsFixture(false));
        assertThatThrownBy(() -> endpoints.metrics(request(Map.of("format", List.of("prometheus")), Map.of())))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(415);
                    assertThat(e.getMessage()).isEqualTo(MetricsEndpoints.PROMETHEUS_DISABLED);
                    assertThat(e.headers()).containsEntry("X-Consul-Reason", MetricsEndpoints.PROMETHEUS_DISABLED);
                });
        // JSON does not need the retention time
        assertThat(endpoints.metrics(request(Map.of(), Map.of())).body()).isInstanceOf(MetricsSummaryJson.class);
    }

    @Test
    void prometheusTextIsSentAsTheSourceRenderedIt() {
        ApiResponse r = new MetricsEndpoints(new MetricsFixture(true))
                .metrics(request(Map.of(), Map.of("Accept", "application/openmetrics-text")));
        assertThat(r.body()).isInstanceOfSatisfying(ApiResponse.Raw.class,
                raw -> assertThat(raw.contentType()).startsWith("text/plain; version=0.0.4"));
    }

    private static ApiRequest request(Map<String, List<String>> query, Map<String, String> headers) {
        return ApiRequest.of("GET", "/v1/agent/metrics", "", query, headers, new byte[0], AclIdentity.aclsDisabled());
    }
}
