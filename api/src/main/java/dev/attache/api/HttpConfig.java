package dev.attache.api;

import java.util.Map;
import java.util.Objects;

/**
 * The HTTP server's settings.
 *
 * @param bindAddress         the client address the API listens on ({@code -client})
 * @param port                the HTTP port; 0 picks a free one
 * @param maxRequestBodyBytes a larger request body is answered with 413
 * @param responseHeaders     extra headers on every routed response ({@code http_config.response_headers})
 * @param ioThreads           Netty worker threads; 0 means Netty's default (2 × cores)
 */
public record HttpConfig(String bindAddress, int port, int maxRequestBodyBytes, Map<String, String> responseHeaders,
                         int ioThreads) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8500;
    public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 512 * 1024;

    public HttpConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        responseHeaders = responseHeaders == null ? Map.of() : Map.copyOf(responseHeaders);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("http port out of range: " + port);
        }
        if (maxRequestBodyBytes <= 0) {
            throw new IllegalArgumentException("max request body must be positive");
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("io threads must not be negative");
        }
    }

    public static HttpConfig defaults() {
        return new HttpConfig(DEFAULT_BIND, DEFAULT_PORT, DEFAULT_MAX_REQUEST_BODY_BYTES, Map.of(), 0);
    }
}
