package dev.attache.cluster;

/** A join could not reach any of the given addresses. The message is Consul's text for the failure. */
public class JoinException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JoinException(String message) {
        super(message);
    }
}
