package dev.attache.cluster;

/** A configured port cannot be bound. The message names the listener, the address and Go's reason text. */
public class PortInUseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PortInUseException(String listener, String hostPort) {
        super(listener + " listener on " + hostPort + ": bind: address already in use");
    }
}
