package dev.attache.cluster;

/** A change to the pool (a force-leave) reached no other member in time. Consul's text. */
public class BroadcastTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BroadcastTimeoutException() {
        super("timed out broadcasting node removal");
    }
}
