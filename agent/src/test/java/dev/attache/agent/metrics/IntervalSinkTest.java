package dev.attache.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Consul's in-memory sink: 10-second intervals, one minute kept, go-metrics' aggregates. */
class IntervalSinkTest {
    private final AtomicLong now = new AtomicLong(1_000_000_003_000L);
    private final IntervalSink sink = new IntervalSink(now::get);

    @Test
    void valuesAggregatePerIntervalAndOldIntervalsAreDropped() {
        IntervalSink.Recorder r = new IntervalSink.Recorder(sink, MetricKey.of("consul.x"), false);
        r.record(2);
        r.record(4);
        now.addAndGet(10_000);
        r.record(10);
        var intervals = sink.intervals();
        assertThat(intervals).hasSize(2);
        assertThat(intervals.get(0).start).isEqualTo(1_000_000_000_000L);
        IntervalSink.Snapshot first = intervals.get(0).samples.get(MetricKey.of("consul.x")).snapshot();
        assertThat(first.count()).isEqualTo(2);
        assertThat(first.sum()).isEqualTo(6);
        assertThat(first.min()).isEqualTo(2);
        assertThat(first.max()).isEqualTo(4);
        assertThat(first.mean()).isEqualTo(3);
        assertThat(first.stddev()).isCloseTo(Math.sqrt(2), within(1e-9));
        assertThat(intervals.get(1).samples.get(MetricKey.of("consul.x")).snapshot().count()).isEqualTo(1);
        assertThat(r.lastUpdated()).isEqualTo(now.get());

        for (int i = 0; i < 10; i++) {
            now.addAndGet(10_000);
            sink.at(now.get());
        }
        assertThat(sink.intervals()).hasSize(IntervalSink.RETAINED);
    }

    @Test
    void aLateClockReadingLandsInTheCurrentInterval() {
        sink.at(now.get() + 10_000);
        IntervalSink.Interval late = sink.at(now.get());
        assertThat(late.start).isEqualTo(1_000_000_010_000L);
        assertThat(sink.intervals()).hasSize(1);
    }
}
