package dev.attache.api;

import dev.attache.cluster.Datacenters;
import dev.attache.cluster.ForwardedRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.QueryStringEncoder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Sends an API request on to a server of another datacenter and answers what it answered, as Consul's agents pass
 * an RPC with a {@code Datacenter} to that datacenter's servers. The request goes with its method, path, query,
 * headers (the token included) and body; its {@code dc}/{@code datacenter} parameters are replaced by the target, so
 * the server there serves it as its own.
 */
public final class DatacenterForwarder {
    /** How long a request that does not block may take there: the hold time for a leader, and travel. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Added to a blocking query's own wait. */
    static final Duration BLOCKING_MARGIN = Duration.ofSeconds(15);
    /** Headers that describe this connection, not the request. */
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "keep-alive",
            "transfer-encoding", "expect", "upgrade");

    private final Datacenters datacenters;
    private final java.util.function.Supplier<String> defaultToken;

    public DatacenterForwarder(Datacenters datacenters) {
        this(datacenters, () -> "");
    }

    /**
     * @param defaultToken this agent's default token ({@code acl.tokens.default}), sent with a request that carries
     *                     none, as Consul's agents fill an RPC's token in
     */
    public DatacenterForwarder(Datacenters datacenters, java.util.function.Supplier<String> defaultToken) {
        this.datacenters = datacenters;
        this.defaultToken = defaultToken;
    }

    public Datacenters datacenters() {
        return datacenters;
    }

    /** Forwards {@code request} to {@code datacenter}; the future fails as {@link Datacenters#forward} does. */
    public CompletableFuture<ApiResponse> forward(String datacenter, ApiRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : request.headers()) {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                headers.put(h.getKey(), h.getValue());
            }
        }
        String fallback = defaultToken.get();
        if (request.token().isEmpty() && fallback != null && !fallback.isEmpty()) {
            headers.put("X-Consul-Token", fallback);
        }
        ForwardedRequest forwarded = new ForwardedRequest(request.method(), retarget(request.uri(), datacenter),
                headers, request.body());
        return datacenters.forward(datacenter, forwarded, timeout(request)).thenApply(ApiResponse::relayed);
    }

    /** Forwards {@code request} to the primary datacenter (a global ACL write made in a secondary). */
    public CompletableFuture<ApiResponse> toPrimary(ApiRequest request) {
        return forward(datacenters.primary(), request);
    }

    /** The same target with {@code dc} naming {@code datacenter} (and no {@code datacenter} parameter). */
    static String retarget(String uri, String datacenter) {
        QueryStringDecoder decoder = new QueryStringDecoder(uri);
        QueryStringEncoder encoder = new QueryStringEncoder(decoder.rawPath());
        for (Map.Entry<String, List<String>> p : decoder.parameters().entrySet()) {
            if (p.getKey().equals("dc") || p.getKey().equals("datacenter")) {
                continue;
            }
            for (String v : p.getValue()) {
                encoder.addParam(p.getKey(), v.isEmpty() && bare(uri, p.getKey()) ? null : v);
            }
        }
        encoder.addParam("dc", datacenter);
        return encoder.toString();
    }

    /** True when the parameter appears without {@code =} ({@code ?stale}): it is passed on the same way. */
    private static boolean bare(String uri, String name) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return false;
        }
        for (String part : uri.substring(q + 1).split("&")) {
            if (part.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** A blocking query waits there as long as it would here, plus travel; any other request the hold time. */
    private static Duration timeout(ApiRequest request) {
        String index = request.param("index");
        if (index == null || index.isEmpty() || index.equals("0")) {
            return REQUEST_TIMEOUT;
        }
        Duration wait;
        try {
            wait = request.queryOptions().maxWait();
        } catch (ApiException e) {
            wait = Duration.ZERO;
        }
        Duration w = QueryOptions.cappedWait(wait);
        return w.plus(w.dividedBy(16)).plus(BLOCKING_MARGIN);
    }
}
