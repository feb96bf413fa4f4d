package dev.attache.agent.metrics;

import com.codahale.metrics.MetricRegistry;
import dev.attache.api.agent.MetricsSource;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.prometheus.client.hotspot.BufferPoolsExports;
import io.prometheus.client.hotspot.ClassLoadingExports;
import io.prometheus.client.hotspot.GarbageCollectorExports;
import io.prometheus.client.hotspot.MemoryPoolsExports;
import io.prometheus.client.hotspot.StandardExports;
import io.prometheus.client.hotspot.ThreadExports;
import io.prometheus.client.hotspot.VersionInfoExports;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The agent's Prometheus output: its own {@link CollectorRegistry} (never the client library's static default one)
 * with the agent's registry and the JVM's and process's collectors, written by the client library's exposition.
 */
final class PrometheusExposition {
    private final CollectorRegistry collectors = new CollectorRegistry(true);

    PrometheusExposition(MetricRegistry registry, Duration retention, LongSupplier clock) {
        new RegistryCollector(registry, retention, clock).register(collectors);
        // the JVM's and process's collectors, as Consul's output has Go's and the process's
        new StandardExports().register(collectors);
        new MemoryPoolsExports().register(collectors);
        new BufferPoolsExports().register(collectors);
        new GarbageCollectorExports().register(collectors);
        new ThreadExports().register(collectors);
        new ClassLoadingExports().register(collectors);
        new VersionInfoExports().register(collectors);
    }

    /** Every metric in the format {@code accept} asks for (OpenMetrics 1.0.0, else the text format 0.0.4). */
    MetricsSource.Exposition write(String accept) {
        String contentType = TextFormat.chooseContentType(accept);
        StringWriter out = new StringWriter(16 * 1024);
        try {
            TextFormat.writeFormat(contentType, out, collectors.metricFamilySamples());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return new MetricsSource.Exposition(contentType, out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
