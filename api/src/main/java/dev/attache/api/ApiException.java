package dev.attache.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** An error with an HTTP status and a plain-text message for the client. The only exception the HTTP edge defines. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String allow;
    private final String location;
    private final transient Map<String, String> headers;

    private ApiException(int status, String message, String allow, String location, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.allow = allow;
        this.location = location;
        this.headers = headers;
    }

    public ApiException(int status, String message) {
        this(status, message, null, null, Map.of());
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    /** 405 with Consul's body and the {@code Allow} header ({@code OPTIONS,GET}). */
    public static ApiException methodNotAllowed(String method, String allow) {
        return new ApiException(405, "method " + method + " not allowed", allow, null, Map.of());
    }

    /** 301 to the same path with a trailing slash, as Go's mux answers for a subtree root. */
    public static ApiException movedPermanently(String location) {
        return new ApiException(301, "", null, location, Map.of());
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, message);
    }

    public static ApiException tooManyRequests(String message) {
        return new ApiException(429, message);
    }

    public static ApiException internal(String message) {
        return new ApiException(500, message);
    }

    public int status() {
        return status;
    }

    /** The {@code Allow} header value of a 405, else null. */
    public String allow() {
        return allow;
    }

    /** The {@code Location} header value of a redirect, else null. */
    public String location() {
        return location;
    }

    /** Extra response headers of this error (Consul's query meta on failed ACL reads); empty for most errors. */
    public Map<String, String> headers() {
        return headers;
    }

    /** A copy that also carries {@code extra} headers. */
    public ApiException withHeaders(Map<String, String> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(extra);
        return new ApiException(status, getMessage(), allow, location, Map.copyOf(all));
    }
}
