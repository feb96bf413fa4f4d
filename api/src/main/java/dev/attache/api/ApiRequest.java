package dev.attache.api;

import dev.attache.acl.AclIdentity;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One API request as handlers see it: method, decoded path, the route's path parameter, query
 * parameters, body, and the request options parsed once (token and pretty by the dispatcher; the read options of
 * {@link #queryOptions()} on first use, since only read endpoints reject bad ones). Holds no Netty type.
 */
public final class ApiRequest {
    private final String method;
    private final String path;
    private final String pathParam;
    private final Map<String, List<String>> query;
    private final Function<String, String> headers;
    private final byte[] body;
    private final String token;
    private final boolean pretty;
    private final AclIdentity identity;
    private final Executor executor;
    private final String uri;
    private final Iterable<Map.Entry<String, String>> headerEntries;
    /** Parsed on first use; written at most once per value, so a racing second parse is harmless. */
    private QueryOptions queryOptions;

    ApiRequest(String method, String path, String pathParam, Map<String, List<String>> query,
               Map<String, String> headers, byte[] body, String token, AclIdentity identity) {
        this(method, path, pathParam, query, headers::get, body, token, identity, Runnable::run,
                uriOf(path, query), headers.entrySet());
    }

    ApiRequest(String method, String path, String pathParam, Map<String, List<String>> query,
               Function<String, String> headers, byte[] body, String token, AclIdentity identity,
               Executor executor, String uri, Iterable<Map.Entry<String, String>> headerEntries) {
        this.method = Objects.requireNonNull(method);
        this.path = Objects.requireNonNull(path);
        this.pathParam = pathParam;
        this.query = Map.copyOf(query);
        this.headers = headers;
        this.body = body;
        this.token = token;
        this.pretty = query.containsKey("pretty");
        this.identity = identity;
        this.executor = Objects.requireNonNull(executor);
        this.uri = Objects.requireNonNull(uri);
        this.headerEntries = Objects.requireNonNull(headerEntries);
    }

    private static String uriOf(String path, Map<String, List<String>> query) {
        io.netty.handler.codec.http.QueryStringEncoder encoder = new io.netty.handler.codec.http.QueryStringEncoder(path);
        query.forEach((k, vs) -> vs.forEach(v -> encoder.addParam(k, v)));
        return encoder.toString();
    }

    /** A request for tests and in-process callers. */
    public static ApiRequest of(String method, String path, String pathParam, Map<String, List<String>> query,
                                Map<String, String> headers, byte[] body, AclIdentity identity) {
        return new ApiRequest(method, path, pathParam, query, headers, body, "", identity);
    }

    ApiRequest withIdentity(AclIdentity newIdentity) {
        ApiRequest copy = new ApiRequest(method, path, pathParam, query, headers, body, token, newIdentity,
                executor, uri, headerEntries);
        copy.queryOptions = queryOptions;
        return copy;
    }

    public String method() {
        return method;
    }

    /**
     * The thread that serves this request's connection. A handler whose future completes elsewhere (a blocked
     * read waking on the Raft thread) renders its answer here, so a thousand answers spread over the I/O threads.
     */
    public Executor executor() {
        return executor;
    }

    /** The request target as the client sent it: path and query, still percent-encoded. */
    public String uri() {
        return uri;
    }

    /** Every request header (name, value), in the order received. */
    public Iterable<Map.Entry<String, String>> headers() {
        return headerEntries;
    }

    /** The percent-decoded path, e.g. {@code /v1/agent/join/127.0.0.1:8301}. */
    public String path() {
        return path;
    }

    /** For a prefix route, the rest of the path after the prefix (percent-decoded); else the empty string. */
    public String pathParam() {
        return pathParam == null ? "" : pathParam;
    }

    /** The first value of a query parameter, or null when absent. A bare {@code ?x} has the value "". */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every query parameter with its values, in the order given. */
    public Map<String, List<String>> parameters() {
        return query;
    }

    /** True when the query parameter is present, whatever its value (Consul's presence flags: prune, pretty, ...). */
    public boolean flag(String name) {
        return query.containsKey(name);
    }

    /** True when the query parameter is present with a non-empty value (Consul's {@code wan} on members and join). */
    public boolean nonEmpty(String name) {
        String v = param(name);
        return v != null && !v.isEmpty();
    }

    /** A request header by name (case-insensitive), or null. */
    public String header(String name) {
        return headers.apply(name);
    }

    public byte[] body() {
        return body;
    }

    /** The secret the request carried (query, header or bearer, in Consul's order); "" when none. */
    public String token() {
        return token;
    }

    /** True when {@code ?pretty} was given. */
    public boolean pretty() {
        return pretty;
    }

    /** Who the request acts as; set by the dispatcher before the handler runs. */
    public AclIdentity identity() {
        return identity;
    }

    /**
     * The read options ({@code dc}, {@code stale}/{@code consistent}/{@code max_stale}, {@code index}/{@code wait}),
     * parsed once; {@link ApiException} 400 with Consul's text when one is malformed.
     */
    public QueryOptions queryOptions() {
        QueryOptions parsed = queryOptions;
        if (parsed == null) {
            parsed = QueryOptions.parse(this::param, this::flag);
            queryOptions = parsed;
        }
        return parsed;
    }

    /**
     * Rejects the Enterprise namespace and partition parameters (headers and query) as Consul's Community Edition
     * does on the endpoints that read Enterprise metadata, such as every ACL endpoint (consul-behavior.md §1.7).
     * Empty values are ignored, as Consul's {@code Get(...) != ""}.
     */
    public void rejectEnterpriseMeta() {
        if (nonEmptyHeader("X-Consul-Namespace")) {
            throw ApiException.badRequest(
                    "Invalid header: \"X-Consul-Namespace\" - Namespaces are a Consul Enterprise feature");
        }
        if (nonEmpty("ns")) {
            throw ApiException.badRequest(
                    "Invalid query parameter: \"ns\" - Namespaces are a Consul Enterprise feature");
        }
        if (nonEmptyHeader("X-Consul-Partition")) {
            throw ApiException.badRequest(
                    "Invalid header: \"X-Consul-Partition\" - Partitions are a Consul Enterprise feature");
        }
        if (nonEmpty("partition")) {
            throw ApiException.badRequest(
                    "Invalid query parameter: \"partition\" - Partitions are a Consul Enterprise feature");
        }
    }

    private boolean nonEmptyHeader(String name) {
        String v = header(name);
        return v != null && !v.isEmpty();
    }

    /**
     * Rejects the Enterprise partition parameter as Consul's Community Edition does (400), on the endpoints
     * that read it (consul-behavior.md §1.7).
     */
    public void rejectPartition() {
        if (header("X-Consul-Partition") != null) {
            throw ApiException.badRequest(
                    "Invalid header: \"X-Consul-Partition\" - Partitions are a Consul Enterprise feature");
        }
        if (param("partition") != null) {
            throw ApiException.badRequest(
                    "Invalid query parameter: \"partition\" - Partitions are a Consul Enterprise feature");
        }
    }

    /**
     * Consul reads {@code wan} on members and join as "any non-empty value", so {@code ?wan=false} means WAN.
     * Attaché reads Go's false spellings ({@code 0 f F false FALSE False}) as LAN: clients such as
     * kiwiproject's send {@code wan=false} on every LAN join. A bare {@code ?wan} is LAN, as in Consul.
     */
    public boolean wanFlag() {
        String v = param("wan");
        if (v == null || v.isEmpty()) {
            return false;
        }
        return switch (v) {
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> true;
        };
    }

    /** The path with every query string left out, safe to log (no token). */
    public String redacted() {
        return method + " " + path;
    }
}
