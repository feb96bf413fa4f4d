package dev.attache.api;

import java.util.Map;

/**
 * A failure plus response headers that its error response carries (Consul's query meta on failed ACL reads).
 * {@link ErrorMapper} maps the cause as usual and adds the headers.
 */
public final class ErrorWithHeaders extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, String> headers;

    private ErrorWithHeaders(Throwable cause, Map<String, String> headers) {
        super(cause.getMessage(), cause, false, false);
        this.headers = Map.copyOf(headers);
    }

    public static ErrorWithHeaders of(Throwable cause, Map<String, String> headers) {
        return new ErrorWithHeaders(cause, headers);
    }

    public Map<String, String> headers() {
        return headers;
    }
}
