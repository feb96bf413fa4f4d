package dev.attache.agent.lab.run;

/** A mistake in an experiment file, or a step that failed: one line for the user. */
public final class ExperimentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExperimentException(String message) {
        super(message);
    }
}
