package dev.attache.cluster;

/** No Raft leader answered within the hold time. Consul answers {@code 500 No cluster leader}. */
public final class NoLeaderException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public static final String MESSAGE = "No cluster leader";

    public NoLeaderException() {
        super(MESSAGE, null, false, false);
    }
}
