package dev.attache.agent.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.attache.agent.TelemetryConfig;
import dev.attache.api.RequestObserver;
import dev.attache.api.agent.MetricsSource;
import dev.attache.api.agent.MetricsSummaryJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's metrics: a Dropwizard {@link MetricRegistry} under Consul's names (labels encoded by {@link MetricKey}),
 * Consul's 10-second interval view of it for the JSON, and its Prometheus exposition. Nothing is static: every
 * agent in a JVM has its own.
 *
 * <p>Names given to {@link #counter}, {@link #timer} and {@link #gauge} are Consul's without the prefix
 * ({@code api.http}); the prefix ({@code telemetry.metrics_prefix}) is put in front, and gauges also get the host
 * name after it unless {@code telemetry.disable_hostname}. A metric that {@code telemetry.prefix_filter} drops is
 * handed out unregistered, so recording into it costs next to nothing and shows nowhere.
 */
public final class AgentMetrics implements MetricsSource, RequestObserver, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentMetrics.class);
    private static final DateTimeFormatter GO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000 UTC'").withZone(ZoneOffset.UTC);
    static final long SAMPLE_PERIOD_MS = 1000;

    private final String nodeName;
    private final TelemetryConfig config;
    private final String hostName;
    private final MetricRegistry registry = new MetricRegistry();
    private final IntervalSink sink;
    private final PrometheusExposition prometheus;
    private final Map<String, Map<String, Timer>> http = new ConcurrentHashMap<>();
    private final List<Runnable> samplers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final List<Runnable> closers = new CopyOnWriteArrayList<>();

    private AgentMetrics(String nodeName, TelemetryConfig config, String hostName, LongSupplier clock) {
        this.nodeName = nodeName;
        this.config = config;
        this.hostName = hostName;
        this.sink = new IntervalSink(clock);
        this.prometheus = new PrometheusExposition(registry, config.prometheusRetentionTime(), clock);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "attache-metrics-" + nodeName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts an agent's metrics: the JVM's runtime gauges, sampled with every other gauge once a second. */
    public static AgentMetrics start(String nodeName, TelemetryConfig config, String hostName) {
        AgentMetrics m = new AgentMetrics(nodeName, config, hostName, System::currentTimeMillis);
        JvmGauges.register(m);
        m.scheduler.scheduleAtFixedRate(m::sample, 0, SAMPLE_PERIOD_MS, TimeUnit.MILLISECONDS);
        return m;
    }

    /** The registry; embedders may add their own metrics to it (they show in the Prometheus output). */
    public MetricRegistry registry() {
        return registry;
    }

    /** A counter named {@code prefix.name}, with labels as name/value pairs. */
    public Counter counter(String name, String... labels) {
        MetricKey key = MetricKey.of(config.metricsPrefix() + "." + name, labels);
        if (!allowed(key.name())) {
            return new Counter();
        }
        return registry.counter(key.encoded(),
                () -> new IntervalCounter(new IntervalSink.Recorder(sink, key, true)));
    }

    /** A timer named {@code prefix.name}, with labels as name/value pairs; Consul shows its values in milliseconds. */
    public Timer timer(String name, String... labels) {
        MetricKey key = MetricKey.of(config.metricsPrefix() + "." + name, labels);
        if (!allowed(key.name())) {
            return new Timer();
        }
        return registry.timer(key.encoded(),
                () -> new IntervalTimer(new IntervalReservoir(new IntervalSink.Recorder(sink, key, false))));
    }

    /** A gauge named {@code prefix.host.name} ({@code prefix.name} with {@code disable_hostname}). */
    public void gauge(String name, Supplier<Number> value) {
        String full = config.metricsPrefix() + "." + (config.disableHostname() ? "" : hostName + ".") + name;
        if (allowed(full)) {
            registry.gauge(full, () -> (Gauge<Number>) value::get);
        }
    }

    /** Runs {@code action} on the metrics thread once a second, before the gauges are sampled. */
    void everySecond(Runnable action) {
        samplers.add(action);
    }

    /** {@code consul.api.http}, labelled with the method and the route pattern ({@code /} → {@code _}). */
    @Override
    public void routed(String method, String pattern, long nanos) {
        Map<String, Timer> byPattern = http.computeIfAbsent(method, m -> new ConcurrentHashMap<>());
        Timer t = byPattern.get(pattern);
        if (t == null) {
            t = byPattern.computeIfAbsent(pattern,
                    p -> timer("api.http", "method", method, "path", p.substring(1).replace('/', '_')));
        }
        t.update(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public MetricsSummaryJson summary() {
        sink.at(sink.now()); // reading forces the current interval, as go-metrics does
        List<IntervalSink.Interval> all = sink.intervals();
        IntervalSink.Interval shown = all.size() == 1 ? all.get(0) : all.get(all.size() - 2);
        double seconds = IntervalSink.INTERVAL_MS / 1000.0;
        List<MetricsSummaryJson.Gauge> gauges = new ArrayList<>();
        sorted(shown.gauges).forEach(e -> gauges.add(new MetricsSummaryJson.Gauge(e.getKey().name(),
                number(e.getValue()), e.getKey().labels())));
        return new MetricsSummaryJson(GO_TIME.format(Instant.ofEpochMilli(shown.start)), gauges, List.of(),
                sampled(shown.counters, seconds), sampled(shown.samples, seconds));
    }

    @Override
    public boolean prometheusEnabled() {
        return config.prometheusEnabled();
    }

    @Override
    public Exposition prometheus(String accept) {
        return prometheus.write(accept);
    }

    /** Runs {@code action} at {@link #close()} (removing a listener the metrics registered). */
    public void onClose(Runnable action) {
        closers.add(action);
    }

    /** Stops the sampler and what {@link #onClose} registered. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        closers.forEach(Runnable::run);
        closers.clear();
    }

    private void sample() {
        try {
            for (Runnable r : samplers) {
                r.run();
            }
            IntervalSink.Interval interval = sink.at(sink.now());
            registry.getGauges().forEach((name, gauge) -> {
                Object v = gauge.getValue();
                if (v instanceof Number n) {
                    interval.gauges.put(MetricKey.parse(name), n.doubleValue());
                } else if (v instanceof Boolean b) {
                    interval.gauges.put(MetricKey.parse(name), b ? 1.0 : 0.0);
                }
            });
        } catch (RuntimeException e) {
            log.warn("{}: sampling the metrics failed: {}", nodeName, e.toString());
        }
    }

    /** Consul's {@code prefix_filter}: the longest matching rule decides, else {@code filter_default}. */
    private boolean allowed(String fullName) {
        int best = -1;
        boolean allow = config.filterDefault();
        for (String rule : config.prefixFilter()) {
            String prefix = rule.substring(1);
            if (fullName.startsWith(prefix) && prefix.length() > best) {
                best = prefix.length();
                allow = rule.charAt(0) == '+';
            }
        }
        return allow;
    }

    private static List<MetricsSummaryJson.Sampled> sampled(Map<MetricKey, IntervalSink.Aggregate> m, double seconds) {
        List<MetricsSummaryJson.Sampled> out = new ArrayList<>();
        sorted(m).forEach(e -> {
            IntervalSink.Snapshot s = e.getValue().snapshot();
            out.add(new MetricsSummaryJson.Sampled(e.getKey().name(), s.count(), s.sum() / seconds, s.sum(), s.min(),
                    s.max(), s.mean(), s.stddev(), e.getKey().labels()));
        });
        return out;
    }

    private static <V> List<Map.Entry<MetricKey, V>> sorted(Map<MetricKey, V> m) {
        List<Map.Entry<MetricKey, V>> entries = new ArrayList<>(m.entrySet());
        entries.sort(Comparator.comparing(e -> e.getKey().sortKey()));
        return entries;
    }

    /** Integral values as a Long, so that they print as Consul's do ({@code 4704344}, not {@code 4704344.0}). */
    private static Number number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Number) (long) v : (Number) v;
    }
}
