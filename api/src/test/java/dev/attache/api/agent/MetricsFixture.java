package dev.attache.api.agent;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A metrics source with fixed contents, for API tests that need the route but not an agent's registry. */
public final class MetricsFixture implements MetricsSource {
    /** No metrics; Prometheus output off. */
    public static final MetricsFixture EMPTY = new MetricsFixture(false);

    private final boolean prometheus;

    public MetricsFixture(boolean prometheus) {
        this.prometheus = prometheus;
    }

    @Override
    public MetricsSummaryJson summary() {
        return new MetricsSummaryJson("2017-08-08 02:55:10 +0000 UTC", List.of(), List.of(), List.of(), List.of());
    }

    @Override
    public boolean prometheusEnabled() {
        return prometheus;
    }

    @Override
    public Exposition prometheus(String accept) {
        return new Exposition("text/plain; version=0.0.4; charset=utf-8",
                "# HELP up fixed\n# TYPE up gauge\nup 1.0\n".getBytes(StandardCharsets.UTF_8));
    }
}
