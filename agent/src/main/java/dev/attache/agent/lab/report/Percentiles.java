package dev.attache.agent.lab.report;

import java.util.List;

/** Nearest-rank percentiles: the smallest value with at least p% of the values at or below it. */
final class Percentiles {
    private Percentiles() {
    }

    /** {@code sorted} ascending and not empty; {@code p} in (0, 100]. */
    static long of(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
