package dev.attache.cluster;

/**
 * No server of the requested datacenter is known or reachable (an unknown {@code ?dc=}, or every server of that
 * datacenter failed). Consul answers {@code 500 No path to datacenter}.
 */
public final class NoPathToDatacenterException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public static final String MESSAGE = "No path to datacenter";

    public NoPathToDatacenterException() {
        super(MESSAGE, null, false, false);
    }
}
