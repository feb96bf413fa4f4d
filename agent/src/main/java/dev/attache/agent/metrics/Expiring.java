package dev.attache.agent.metrics;

/** A metric whose Prometheus series expires after the retention time without an update, as in Consul. */
interface Expiring {
    /** Wall-clock milliseconds of the last update, 0 before the first. */
    long lastUpdated();
}
