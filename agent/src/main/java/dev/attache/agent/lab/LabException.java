package dev.attache.agent.lab;

/** A lab command that cannot go on: one line for the user and the exit code (1 for errors, 2 for usage). */
public final class LabException extends RuntimeException {
    public static final int ERROR = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public LabException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public static LabException error(String message) {
        return new LabException(ERROR, message);
    }

    public static LabException usage(String message) {
        return new LabException(USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
