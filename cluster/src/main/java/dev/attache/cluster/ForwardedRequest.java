package dev.attache.cluster;

import java.util.Map;
import java.util.Objects;

/**
 * An HTTP API request carried to another agent, as Consul carries an RPC to another datacenter's servers.
 *
 * @param method  the HTTP method
 * @param uri     the request target as sent: path and query, percent-encoded
 * @param headers the request's headers (one value per name)
 * @param body    the request body, empty when none
 */
public record ForwardedRequest(String method, String uri, Map<String, String> headers, byte[] body) {
    public ForwardedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** True for the methods that change nothing, which may be sent again to another server after a failure. */
    public boolean idempotent() {
        return method.equals("GET") || method.equals("HEAD");
    }
}
