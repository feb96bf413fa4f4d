package dev.attache.agent.lab.report;

/** A lab directory that cannot be reported on; the message is one line fit for the terminal. */
public final class LabReportException extends RuntimeException {
    public LabReportException(String message) {
        super(message);
    }
}
