package dev.attache.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A successful response: a value to serialize as JSON (or none), and extra headers such as
 * {@code X-Consul-Index}. Status is always 200, as Consul answers every success.
 */
public final class ApiResponse {
    private static final ApiResponse EMPTY = new ApiResponse(null, Map.of(), true);

    private final Object body;
    private final Map<String, String> headers;
    private final boolean empty;

    private ApiResponse(Object body, Map<String, String> headers, boolean empty) {
        this.body = body;
        this.headers = headers;
        this.empty = empty;
    }

    /** A JSON body; {@code null} is written as JSON {@code null}. */
    public static ApiResponse json(Object body) {
        return new ApiResponse(body, Map.of(), false);
    }

    /** 200 with an empty body (reload, join, leave, ...). */
    public static ApiResponse empty() {
        return EMPTY;
    }

    /** A copy with one more header. */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(body, Map.copyOf(copy), empty);
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
