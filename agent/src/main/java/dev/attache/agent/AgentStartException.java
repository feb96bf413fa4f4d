package dev.attache.agent;

/** The agent could not start; the message says why in one line. */
public final class AgentStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AgentStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
