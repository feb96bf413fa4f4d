package dev.attache.agent.metrics;

import com.codahale.metrics.Timer;

/** A Dropwizard timer over an {@link IntervalReservoir}, which the renderers read for the sum and the last update. */
final class IntervalTimer extends Timer implements Expiring {
    private final IntervalReservoir reservoir;

    IntervalTimer(IntervalReservoir reservoir) {
        super(reservoir);
        this.reservoir = reservoir;
    }

    /** Every duration recorded so far, added up, in milliseconds. */
    double sumMillis() {
        return reservoir.sumNanos() / 1e6;
    }

    @Override
    public long lastUpdated() {
        return reservoir.lastUpdated();
    }
}
