package dev.attache.api.agent;

/** The agent's metrics as {@code GET /v1/agent/metrics} shows them; the agent implements it over its registry. */
public interface MetricsSource {

    /** The most recent completed 10-second interval (the current one while it is the only one). */
    MetricsSummaryJson summary();

    /** False while {@code telemetry.prometheus_retention_time} is not positive: Prometheus output is off, as in Consul. */
    boolean prometheusEnabled();

    /**
     * Every metric in Prometheus' text exposition, in the format the {@code Accept} header asks for: OpenMetrics 1.0.0
     * when it accepts {@code application/openmetrics-text}, else the text format 0.0.4.
     *
     * @param accept the request's {@code Accept} header, or null
     */
    Exposition prometheus(String accept);

    /** A rendered exposition and its {@code Content-Type}. */
    record Exposition(String contentType, byte[] body) {
    }
}
