package dev.attache.agent.metrics;

import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import com.codahale.metrics.Reservoir;
import com.codahale.metrics.Snapshot;
import java.util.concurrent.atomic.LongAdder;

/**
 * The reservoir of an agent's timers: a decaying sample for Prometheus' quantiles, the running sum for its
 * {@code _sum}, and Consul's interval aggregates in milliseconds for the JSON.
 */
final class IntervalReservoir implements Reservoir, Expiring {
    private final Reservoir quantiles = LockFreeExponentiallyDecayingReservoir.builder().build();
    private final LongAdder sumNanos = new LongAdder();
    private final IntervalSink.Recorder recorder;

    IntervalReservoir(IntervalSink.Recorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public int size() {
        return quantiles.size();
    }

    /** @param nanos one measured duration (Dropwizard's timers hand their reservoir nanoseconds) */
    @Override
    public void update(long nanos) {
        quantiles.update(nanos);
        sumNanos.add(nanos);
        recorder.record(nanos / 1e6);
    }

    @Override
    public Snapshot getSnapshot() {
        return quantiles.getSnapshot();
    }

    /** Every duration recorded so far, added up. */
    long sumNanos() {
        return sumNanos.sum();
    }

    @Override
    public long lastUpdated() {
        return recorder.lastUpdated();
    }
}
