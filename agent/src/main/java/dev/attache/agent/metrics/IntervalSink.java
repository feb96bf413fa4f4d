package dev.attache.agent.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Consul's in-memory sink (go-metrics' {@code InmemSink}): what the agent recorded, aggregated per 10-second interval,
 * the last minute kept. An interval exists once something was recorded in it; the agent's sampler writes the gauges
 * every second, so every interval exists.
 */
final class IntervalSink {
    static final long INTERVAL_MS = 10_000;
    static final int RETAINED = 6; // one minute

    private final LongSupplier clock;
    private final Deque<Interval> intervals = new ArrayDeque<>();
    private volatile Interval current;

    IntervalSink(LongSupplier clockMillis) {
        this.clock = clockMillis;
    }

    long now() {
        return clock.getAsLong();
    }

    /** The interval {@code nowMillis} falls in, created when it is new. */
    Interval at(long nowMillis) {
        long start = nowMillis - Math.floorMod(nowMillis, INTERVAL_MS);
        Interval c = current;
        if (c != null && c.start >= start) {
            return c; // a racing recorder whose clock reading is a little older lands in the newer interval
        }
        synchronized (this) {
            c = current;
            if (c != null && c.start >= start) {
                return c;
            }
            Interval created = new Interval(start);
            intervals.addLast(created);
            while (intervals.size() > RETAINED) {
                intervals.removeFirst();
            }
            current = created;
            return created;
        }
    }

    /** Every retained interval, oldest first; the last is the current one. */
    synchronized List<Interval> intervals() {
        return new ArrayList<>(intervals);
    }

    /** One interval's aggregates. */
    static final class Interval {
        final long start;
        final Map<MetricKey, Aggregate> counters = new ConcurrentHashMap<>();
        final Map<MetricKey, Aggregate> samples = new ConcurrentHashMap<>();
        final Map<MetricKey, Double> gauges = new ConcurrentHashMap<>();

        Interval(long start) {
            this.start = start;
        }
    }

    /** go-metrics' {@code AggregateSample}: count, sum, sum of squares, min and max of the values ingested. */
    static final class Aggregate {
        private long count;
        private double sum;
        private double sumSq;
        private double min;
        private double max;

        synchronized void ingest(double v) {
            if (count == 0 || v < min) {
                min = v;
            }
            if (count == 0 || v > max) {
                max = v;
            }
            count++;
            sum += v;
            sumSq += v * v;
        }

        synchronized Snapshot snapshot() {
            double mean = count == 0 ? 0 : sum / count;
            double div = (double) count * (count - 1);
            double stddev = div == 0 ? 0 : Math.sqrt(Math.max(0, (count * sumSq - sum * sum) / div));
            return new Snapshot(count, sum, min, max, mean, stddev);
        }
    }

    record Snapshot(long count, double sum, double min, double max, double mean, double stddev) {
    }

    /**
     * Where one counter or timer records into the sink: its key, and the aggregate of the interval it last wrote to,
     * so that a recording in the same interval costs no map lookup.
     */
    static final class Recorder {
        private final IntervalSink sink;
        private final MetricKey key;
        private final boolean counter;
        private volatile Slot slot;
        private volatile long lastUpdated;

        Recorder(IntervalSink sink, MetricKey key, boolean counter) {
            this.sink = sink;
            this.key = key;
            this.counter = counter;
        }

        void record(double value) {
            long now = sink.now();
            Interval interval = sink.at(now);
            Slot s = slot;
            if (s == null || s.interval != interval) {
                Map<MetricKey, Aggregate> m = counter ? interval.counters : interval.samples;
                s = new Slot(interval, m.computeIfAbsent(key, k -> new Aggregate()));
                slot = s;
            }
            s.aggregate.ingest(value);
            lastUpdated = now;
        }

        /** Wall-clock milliseconds of the last recording, 0 before the first. */
        long lastUpdated() {
            return lastUpdated;
        }

        private record Slot(Interval interval, Aggregate aggregate) {
        }
    }
}
