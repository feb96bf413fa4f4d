package dev.attache.agent.metrics;

import com.codahale.metrics.Counter;

/** A Dropwizard counter that also feeds Consul's interval aggregates: each increment is one value of the interval. */
final class IntervalCounter extends Counter implements Expiring {
    private final IntervalSink.Recorder recorder;

    IntervalCounter(IntervalSink.Recorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void inc(long n) {
        super.inc(n);
        recorder.record(n);
    }

    @Override
    public long lastUpdated() {
        return recorder.lastUpdated();
    }
}
