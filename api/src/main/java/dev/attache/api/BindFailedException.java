package dev.attache.api;

/** A listener could not bind its address, typically because the port is in use. */
public final class BindFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BindFailedException(String what, String address, int port, Throwable cause) {
        super(what + " listener on " + address + ":" + port + ": " + reason(cause), cause);
    }

    private static String reason(Throwable cause) {
        String m = cause == null ? null : cause.getMessage();
        if (m == null) {
            return "bind failed";
        }
        return m.toLowerCase(java.util.Locale.ROOT).contains("address already in use") ? "bind: address already in use" : m;
    }
}
