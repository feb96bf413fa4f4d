package dev.attache.agent.metrics;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Metered;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Sampling;
import com.codahale.metrics.Snapshot;
import io.prometheus.client.Collector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The agent's Dropwizard registry as Prometheus metric families, as Consul's Prometheus sink shows go-metrics:
 * gauges are gauges, counters (and meters) counters, timers and histograms summaries with the 0.5, 0.9 and 0.99
 * quantiles (timers in milliseconds, as Consul's). The agent's counters and timers drop out after the retention time
 * without an update.
 *
 * <p>Names: the dotted name with every character Prometheus does not allow replaced by {@code _}, as Consul does, and
 * then in lower snake case ({@code consul.acl.ResolveToken} → {@code consul_acl_resolve_token}), so that
 * {@code promtool check metrics} finds nothing to complain about. Counters get the {@code _total} suffix the client
 * library writes.
 */
final class RegistryCollector extends Collector {
    private static final Pattern INVALID = Pattern.compile("[^a-zA-Z0-9_]");
    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");
    private static final double[] QUANTILES = {0.5, 0.9, 0.99};

    private final MetricRegistry registry;
    private final long retentionMillis;
    private final LongSupplier clock;

    RegistryCollector(MetricRegistry registry, Duration retention, LongSupplier clock) {
        this.registry = registry;
        this.retentionMillis = retention.toMillis();
        this.clock = clock;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        Map<String, Family> families = new LinkedHashMap<>();
        long oldest = clock.getAsLong() - retentionMillis;
        new TreeMap<>(registry.getMetrics()).forEach((encoded, metric) -> {
            if (metric instanceof Expiring e && (e.lastUpdated() == 0 || e.lastUpdated() < oldest)) {
                return;
            }
            MetricKey key = MetricKey.parse(encoded);
            String name = name(key.name());
            List<String> labelNames = key.labels().keySet().stream().map(RegistryCollector::name).toList();
            List<String> labelValues = List.copyOf(key.labels().values());
            if (metric instanceof com.codahale.metrics.Gauge<?> g) {
                Object v = g.getValue();
                double value = v instanceof Number n ? n.doubleValue() : v instanceof Boolean b ? (b ? 1 : 0) : Double.NaN;
                if (!Double.isNaN(value)) {
                    family(families, name, Type.GAUGE, key).add(name, labelNames, labelValues, value);
                }
            } else if (metric instanceof Sampling s && metric instanceof Counting c) {
                boolean timer = metric instanceof com.codahale.metrics.Timer;
                double scale = timer ? 1e-6 : 1; // a timer's snapshot is in nanoseconds; Consul shows milliseconds
                Snapshot snapshot = s.getSnapshot();
                Family f = family(families, name, Type.SUMMARY, key);
                List<String> qNames = new ArrayList<>(labelNames);
                qNames.add("quantile");
                for (double q : QUANTILES) {
                    List<String> qValues = new ArrayList<>(labelValues);
                    qValues.add(Collector.doubleToGoString(q));
                    f.add(name, qNames, qValues, snapshot.getValue(q) * scale);
                }
                double sum = metric instanceof IntervalTimer t ? t.sumMillis() : snapshot.getMean() * scale * c.getCount();
                f.add(name + "_sum", labelNames, labelValues, sum);
                f.add(name + "_count", labelNames, labelValues, c.getCount());
            } else if (metric instanceof Counting c && (metric instanceof com.codahale.metrics.Counter
                    || metric instanceof Metered)) {
                family(families, name, Type.COUNTER, key).add(name + "_total", labelNames, labelValues, c.getCount());
            }
        });
        List<MetricFamilySamples> out = new ArrayList<>();
        families.values().forEach(f -> out.add(new MetricFamilySamples(f.name, f.type, f.help, f.samples)));
        return out;
    }

    /** A Prometheus name for a dotted one: invalid characters to {@code _}, then lower snake case. */
    static String name(String dotted) {
        String sanitized = INVALID.matcher(dotted).replaceAll("_");
        String snake = CAMEL.matcher(sanitized).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
        if (snake.isEmpty() || Character.isDigit(snake.charAt(0))) {
            snake = "_" + snake;
        }
        return snake;
    }

    private static Family family(Map<String, Family> families, String name, Type type, MetricKey key) {
        Family f = families.computeIfAbsent(name, n -> new Family(n, type, key.name()));
        return f.type == type ? f : Family.DISCARD; // one name, two types: the first one registered wins
    }

    private static class Family {
        static final Family DISCARD = new Family("", Type.UNKNOWN, "") {
            @Override
            void add(String sample, List<String> labelNames, List<String> labelValues, double value) {
            }
        };

        final String name;
        final Type type;
        final String help;
        final List<MetricFamilySamples.Sample> samples = new ArrayList<>();

        Family(String name, Type type, String dottedName) {
            this.name = name;
            this.type = type;
            this.help = dottedName;
        }

        void add(String sample, List<String> labelNames, List<String> labelValues, double value) {
            samples.add(new MetricFamilySamples.Sample(sample, labelNames, labelValues, value));
        }
    }
}
