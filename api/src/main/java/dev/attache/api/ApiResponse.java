package dev.attache.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A successful response: a value to serialize as JSON (or none), and extra headers such as
 * {@code X-Consul-Index}. Status is always 200, as Consul answers every success.
 */
public final class ApiResponse {
    private static final ApiResponse EMPTY = new ApiResponse(null, Map.of(), true, null);

    private final Object body;
    private final Map<String, String> headers;
    private final boolean empty;
    private final Runnable afterWrite;
    private final StreamBody stream;

    private ApiResponse(Object body, Map<String, String> headers, boolean empty, Runnable afterWrite) {
        this(body, headers, empty, afterWrite, null);
    }

    private ApiResponse(Object body, Map<String, String> headers, boolean empty, Runnable afterWrite,
                        StreamBody stream) {
        this.body = body;
        this.headers = headers;
        this.empty = empty;
        this.afterWrite = afterWrite;
        this.stream = stream;
    }

    /** A JSON body; {@code null} is written as JSON {@code null}. */
    public static ApiResponse json(Object body) {
        return new ApiResponse(body, Map.of(), false, null);
    }

    /** A body that is not JSON, sent as it is with its own {@code Content-Type} (Prometheus text). */
    public static ApiResponse raw(String contentType, byte[] body) {
        return new ApiResponse(new Raw(contentType, body), Map.of(), false, null);
    }

    /**
     * The answer another agent gave to a request forwarded there ({@code ?dc=}, or a global ACL write sent to the
     * primary): its status, headers and body, passed on as they are.
     */
    public static ApiResponse relayed(dev.attache.cluster.ForwardedResponse answer) {
        return new ApiResponse(java.util.Objects.requireNonNull(answer), Map.of(), false, null);
    }

    /** The body of {@link #raw}. */
    public record Raw(String contentType, byte[] bytes) {
    }

    /** 200 with an empty body (reload, join, leave, ...). */
    public static ApiResponse empty() {
        return EMPTY;
    }

    /**
     * 200 at once, then {@code body}'s chunks as they come (chunked transfer encoding, {@code text/plain}) until
     * the client goes away or the body finishes. The body is closed in every case, also when it never started.
     */
    public static ApiResponse stream(StreamBody body) {
        return new ApiResponse(null, Map.of(), false, null, java.util.Objects.requireNonNull(body));
    }

    /** A copy with one more header. */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(body, Map.copyOf(copy), empty, afterWrite, stream);
    }

    /** A copy with more headers (later values win). */
    public ApiResponse withHeaders(Map<String, String> more) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.putAll(more);
        return new ApiResponse(body, Map.copyOf(copy), empty, afterWrite, stream);
    }

    /**
     * A copy that runs {@code action} once the response has been written to the client (or the write
     * failed): how {@code /v1/agent/leave} answers first and shuts the agent down after.
     */
    public ApiResponse afterWrite(Runnable action) {
        return new ApiResponse(body, headers, empty, action, stream);
    }

    /** The action to run after the write, or null. */
    public Runnable afterWrite() {
        return afterWrite;
    }

    /** The streaming body, or null for a JSON (or empty) response. */
    public StreamBody stream() {
        return stream;
    }

    public Object body() {
        return body;
    }

    public boolean isEmpty() {
        return empty;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
