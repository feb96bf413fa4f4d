package dev.attache.agent;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Consul's {@code telemetry} block, as far as the agent's metrics use it.
 *
 * @param metricsPrefix           the first part of every metric name ({@code consul})
 * @param disableHostname         gauges are named without the host name ({@code consul.runtime.alloc_bytes} rather
 *                                than {@code consul.<host>.runtime.alloc_bytes})
 * @param prometheusRetentionTime how long a Prometheus series stays without an update; not positive turns the
 *                                Prometheus output off, as in Consul (default 0)
 * @param prefixFilter            Consul's rules: {@code +prefix} records the metrics whose full name starts with
 *                                {@code prefix}, {@code -prefix} drops them; the longest matching prefix decides
 * @param filterDefault           what a metric no rule matches does: recorded when true (default)
 */
public record TelemetryConfig(String metricsPrefix, boolean disableHostname, Duration prometheusRetentionTime,
                              List<String> prefixFilter, boolean filterDefault) {
    public static final String DEFAULT_METRICS_PREFIX = "consul";
    public static final TelemetryConfig DEFAULTS = new TelemetryConfig(null, false, Duration.ZERO, List.of(), true);

    public TelemetryConfig {
        metricsPrefix = metricsPrefix == null ? DEFAULT_METRICS_PREFIX : metricsPrefix;
        prometheusRetentionTime = prometheusRetentionTime == null ? Duration.ZERO : prometheusRetentionTime;
        prefixFilter = List.copyOf(Objects.requireNonNullElse(prefixFilter, List.of()));
        for (String rule : prefixFilter) {
            if (rule.length() < 2 || (rule.charAt(0) != '+' && rule.charAt(0) != '-')) {
                throw new ConfigException("telemetry.prefix_filter: \"" + rule
                        + "\" must be a prefix after '+' (record) or '-' (drop)");
            }
        }
    }

    /** Prometheus output is on. */
    public boolean prometheusEnabled() {
        return prometheusRetentionTime.compareTo(Duration.ZERO) > 0;
    }

    /** A copy with other prefix rules: {@code TelemetryConfig.DEFAULTS.withPrefixFilter("-consul.api.http")}. */
    public TelemetryConfig withPrefixFilter(String... rules) {
        return new TelemetryConfig(metricsPrefix, disableHostname, prometheusRetentionTime, List.of(rules),
                filterDefault);
    }

    /** A copy with another Prometheus retention time. */
    public TelemetryConfig withPrometheusRetentionTime(Duration retention) {
        return new TelemetryConfig(metricsPrefix, disableHostname, retention, prefixFilter, filterDefault);
    }

    /** A copy with or without the host name in gauge names. */
    public TelemetryConfig withDisableHostname(boolean disable) {
        return new TelemetryConfig(metricsPrefix, disable, prometheusRetentionTime, prefixFilter, filterDefault);
    }
}
