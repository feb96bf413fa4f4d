package dev.attache.agent.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The slice of Consul's Go API client the CLI commands need: one request, 200 or an error whose text is the
 * Go client's ({@code Unexpected response code: 500 (body)}, {@code Get "url": dial tcp ...: connection refused}).
 */
final class AgentClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final String TOKEN_HEADER = "X-Consul-Token";

    /** A failed request; the message is what the command embeds in its error line. */
    static final class RequestException extends Exception {
        private static final long serialVersionUID = 1L;
        /** No HTTP status: the request never got an answer, or the answer could not be decoded. */
        static final int NO_STATUS = 0;

        private final int status;

        RequestException(String message) {
            this(message, NO_STATUS);
        }

        RequestException(String message, int status) {
            super(message, null, false, false);
            this.status = status;
        }

        /** The HTTP status of a non-200 answer, else {@link #NO_STATUS}. */
        int status() {
            return status;
        }
    }

    private final HttpClient http;
    private final String scheme;
    private final String address;
    private final String token;

    /**
     * @param scheme  {@code http} or {@code https}
     * @param address {@code host:port} (or {@code host}) of the agent's HTTP API
     * @param token   sent as {@code X-Consul-Token} unless empty
     */
    AgentClient(String scheme, String address, String token) {
        this.scheme = scheme;
        this.address = address;
        this.token = token;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** GET; returns the body of a 200. */
    String get(String path, Map<String, String> query) throws RequestException {
        return send("GET", path, query, null);
    }

    /** PUT with an empty body; any 200 is success. */
    void put(String path, Map<String, String> query) throws RequestException {
        send("PUT", path, query, null);
    }

    /** PUT with a body (JSON, as the Go client encodes it); returns the body of a 200. */
    String put(String path, Map<String, String> query, byte[] body) throws RequestException {
        return send("PUT", path, query, body);
    }

    /** DELETE; returns the body of a 200. */
    String delete(String path, Map<String, String> query) throws RequestException {
        return send("DELETE", path, query, null);
    }

    /**
     * GET of a streaming endpoint: each line of a 200's body goes to {@code lines} as it arrives. The future
     * completes when the agent ends the stream (also abruptly, once a 200 was answered), or fails with the same errors as {@link #get} (a non-200 answer,
     * an unreachable agent).
     */
    java.util.concurrent.CompletableFuture<Void> stream(String path, Map<String, String> query,
                                                         java.util.concurrent.Flow.Subscriber<String> lines) {
        String url = url(path, query);
        HttpRequest request;
        try {
            request = request("GET", url, null);
        } catch (RequestException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        java.util.concurrent.atomic.AtomicBoolean streaming = new java.util.concurrent.atomic.AtomicBoolean();
        HttpResponse.BodyHandler<String> handler = info -> {
            if (info.statusCode() != 200) {
                return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
            }
            streaming.set(true);
            return HttpResponse.BodySubscribers.fromLineSubscriber(lines, s -> "", StandardCharsets.UTF_8, "\n");
        };
        return http.sendAsync(request, handler).handle((response, error) -> {
            if (error != null && streaming.get()) {
                return null; // the agent went away mid-stream: the stream ended
            }
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                IOException io = cause instanceof IOException e ? e : new IOException(cause.getMessage(), cause);
                throw new java.util.concurrent.CompletionException(
                        new RequestException("Get \"" + url + "\": " + transportError(request.uri(), io)));
            }
            if (response.statusCode() != 200) {
                throw new java.util.concurrent.CompletionException(new RequestException("Unexpected response code: "
                        + response.statusCode() + " (" + response.body().strip() + ")", response.statusCode()));
            }
            return null;
        });
    }

    /** The URL the Go client would build: escaped path, query keys sorted as {@code url.Values.Encode}. */
    String url(String path, Map<String, String> query) {
        StringBuilder url = new StringBuilder(scheme).append("://").append(address).append(GoEscape.path(path));
        SortedMap<String, String> sorted = new TreeMap<>(query);
        char sep = '?';
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            url.append(sep).append(GoEscape.query(e.getKey())).append('=').append(GoEscape.query(e.getValue()));
            sep = '&';
        }
        return url.toString();
    }

    private String send(String method, String path, Map<String, String> query, byte[] body)
            throws RequestException {
        String url = url(path, query);
        String op = method.charAt(0) + method.substring(1).toLowerCase(java.util.Locale.ROOT);
        HttpRequest built = request(method, url, body);
        URI uri = built.uri();
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RequestException(op + " \"" + url + "\": " + transportError(uri, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestException(op + " \"" + url + "\": interrupted");
        } catch (UnresolvedAddressException e) {
            throw new RequestException(op + " \"" + url + "\": dial tcp: lookup " + uri.getHost() + ": no such host");
        }
        if (response.statusCode() != 200) {
            throw new RequestException("Unexpected response code: " + response.statusCode()
                    + " (" + response.body().strip() + ")", response.statusCode());
        }
        return response.body();
    }

    /** The request for {@code url}, with the token; a URL the Go client could not parse is an error. */
    private HttpRequest request(String method, String url, byte[] body) throws RequestException {
        String op = method.charAt(0) + method.substring(1).toLowerCase(java.util.Locale.ROOT);
        if (address.isEmpty()) {
            throw new RequestException(op + " \"" + url + "\": http: no Host in request URL");
        }
        URI uri;
        try {
            uri = new URI(url);
            if (uri.getHost() == null) {
                throw new java.net.URISyntaxException(url, "invalid host");
            }
        } catch (java.net.URISyntaxException e) {
            throw new RequestException("parse \"" + url + "\": " + e.getReason());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (!token.isEmpty()) {
            request.header(TOKEN_HEADER, token);
        }
        return request.build();
    }

    /** The transport failure in Go's words where there is an obvious equivalent, else Java's message. */
    private static String transportError(URI uri, IOException e) {
        String dialAddress = hostPort(uri);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return "dial tcp " + dialAddress + ": i/o timeout";
            }
            if (t instanceof ConnectException) {
                return "dial tcp " + dialAddress + ": connect: " + connectFailure(t);
            }
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "dial tcp: lookup " + uri.getHost() + ": no such host";
            }
            if (t instanceof HttpTimeoutException) {
                return "timeout awaiting response headers";
            }
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return "EOF";
        }
        return m.lines().findFirst().orElse(m);
    }

    /** The innermost connect failure's reason, lower-cased as the OS error texts Go prints. */
    private static String connectFailure(Throwable connect) {
        String reason = null;
        for (Throwable t = connect; t != null; t = t.getCause()) {
            if (t instanceof ConnectException && t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
            }
        }
        return reason == null ? "connection refused" : reason.toLowerCase(java.util.Locale.ROOT);
    }

    private static String hostPort(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}
