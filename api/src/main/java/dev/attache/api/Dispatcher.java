package dev.attache.api;

import dev.attache.acl.AclIdentity;
import dev.attache.acl.Authorizers;
import dev.attache.acl.TokenResolver;
import dev.attache.cluster.ForwardedRequest;
import dev.attache.cluster.ForwardedResponse;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request options → route → token → route ACL → handler → response. Answers 404, 405, 301 and
 * OPTIONS itself; handlers never write responses. Responses on one connection leave in request order.
 */
@ChannelHandler.Sharable
final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final AttributeKey<CompletableFuture<Void>> LAST_WRITE = AttributeKey.valueOf("attache.lastWrite");
    static final String NOT_API = "Invalid URL path: if attempting to use the HTTP API, ensure the path starts with '/v1/'\n";
    static final String NOT_ENDPOINT = "Invalid URL path: not a recognized HTTP API endpoint\n";
    /** The identity of a request before (or without) token resolution: it may do nothing. */
    private static final AclIdentity UNRESOLVED = new AclIdentity("", false, Authorizers.denyAll());

    private final RouteTable routes;
    private final TokenResolver tokens;
    private final String nodeName;
    private final ResponseWriter writer;
    private final RequestObserver observer;
    private final DatacenterForwarder forwarder; // null: ?dc= naming another datacenter has no path

    Dispatcher(RouteTable routes, TokenResolver tokens, String nodeName, ResponseWriter writer) {
        this(routes, tokens, nodeName, writer, RequestObserver.NONE, null);
    }

    Dispatcher(RouteTable routes, TokenResolver tokens, String nodeName, ResponseWriter writer,
               RequestObserver observer, DatacenterForwarder forwarder) {
        this.routes = routes;
        this.tokens = tokens;
        this.nodeName = nodeName;
        this.writer = writer;
        this.observer = observer;
        this.forwarder = forwarder;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        long start = System.nanoTime();
        enqueue(ctx, answer(ctx.alloc(), ctx.executor(), request, start), label(request), start);
    }

    /** Method and path as sent, without the query (which may hold a token): what the debug log shows. */
    private static String label(FullHttpRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        return request.method().name() + " " + (query < 0 ? uri : uri.substring(0, query));
    }

    /** The response to {@code request}: routed, or an error; never a failed future. */
    private CompletableFuture<Outgoing> answer(ByteBufAllocator alloc, Executor executor, FullHttpRequest request,
                                               long start) {
        String label = request.method().name() + " (unparsed)";
        try {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String path;
            try {
                path = uri.path();
                uri.parameters();
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Bad request: " + e.getMessage());
            }
            label = request.method().name() + " " + path;
            return route(alloc, executor, request, uri, path, label, start);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Outgoing(errorResponse(alloc, e, label, true), null));
        }
    }

    /**
     * Serves a request another agent forwarded here (another datacenter's {@code ?dc=}, a client agent's request
     * on its way there), through the same routes, token resolution and checks as one from a connection. A
     * streaming answer is not passed on: such routes are never forwarded.
     */
    CompletableFuture<ForwardedResponse> call(ForwardedRequest forwarded, Executor executor) {
        long start = System.nanoTime();
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                HttpMethod.valueOf(forwarded.method()), forwarded.uri(), Unpooled.wrappedBuffer(forwarded.body()));
        forwarded.headers().forEach(request.headers()::set);
        request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, forwarded.body().length);
        ByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;
        // served on the HTTP server's own thread, not on the messaging thread that brought it
        CompletableFuture<Outgoing> outgoing = CompletableFuture.supplyAsync(() -> {
            try {
                return answer(alloc, executor, request, start);
            } finally {
                request.release();
            }
        }, executor).thenCompose(f -> f);
        return outgoing.thenApply(out -> {
            if (out.stream() != null) {
                out.stream().close();
                return new ForwardedResponse(500, Map.of(), "streaming responses are not forwarded"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            FullHttpResponse r = (FullHttpResponse) out.response();
            try {
                Map<String, String> headers = new LinkedHashMap<>();
                r.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
                return new ForwardedResponse(r.status().code(), headers, ByteBufUtil.getBytes(r.content()));
            } finally {
                r.release();
                if (out.afterWrite() != null) {
                    out.afterWrite().run();
                }
            }
        });
    }

    private CompletableFuture<Outgoing> route(ByteBufAllocator alloc, Executor executor, FullHttpRequest request,
                                              QueryStringDecoder uri, String path, String label, long start) {
        if (!request.decoderResult().isSuccess()) {
            throw ApiException.badRequest("Bad request: " + request.decoderResult().cause().getMessage());
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ApiException.badRequest("Bad request: path contains unprintable characters");
        }
        RouteTable.Match match = routes.match(path);
        boolean exact = match != null && match.endpoint().pattern().equals(path);
        if (!exact && routes.isSubtreeRoot(path)) {
            // Go's mux redirects a subtree root without its slash even when a shorter prefix would match it
            return done(writer.error(alloc, ApiException.movedPermanently(path + "/"), false));
        }
        if (match == null) {
            String text = path.contains("/v1/") ? NOT_ENDPOINT : NOT_API;
            return done(writer.error(alloc, ApiException.notFound(text), false));
        }
        String method = request.method().name();
        RouteTable.Endpoint endpoint = match.endpoint();
        if (method.equals("OPTIONS")) {
            return done(writer.options(alloc, endpoint.allow()));
        }
        RouteTable.Route route = endpoint.routes().get(method);
        if (route == null) {
            throw ApiException.methodNotAllowed(method, endpoint.allow());
        }
        HttpHeaders headers = request.headers();
        ApiRequest apiRequest = new ApiRequest(method, path, match.pathParam(), uri.parameters(), headers::get,
                ByteBufUtil.getBytes(request.content()), token(uri, headers), UNRESOLVED, executor, request.uri(),
                headers);
        String elsewhere = otherDatacenter(route, apiRequest);
        CompletableFuture<ApiResponse> answered = elsewhere != null
                ? forward(route, apiRequest, elsewhere)
                : identity(route, apiRequest).thenCompose(identity -> invoke(route, apiRequest.withIdentity(identity)));
        return answered
                .whenComplete((ok, error) -> observer.routed(method, route.pattern(), System.nanoTime() - start))
                .handle((ok, error) -> respond(alloc, ok,
                        error == null ? null : route.errors().translate(ErrorMapper.unwrap(error)),
                        apiRequest.pretty(), label));
    }

    /**
     * The datacenter a datacenter-scoped route's {@code ?dc=} (or {@code ?datacenter=}, which wins) names, when it
     * is not this agent's; else null.
     */
    private String otherDatacenter(RouteTable.Route route, ApiRequest request) {
        if (!route.datacenterScoped() || forwarder == null) {
            return null; // without a way out, the handler answers for its own datacenter only
        }
        String dc = QueryOptions.datacenter(request::param);
        return dc.isEmpty() || dc.equals(forwarder.datacenters().local()) ? null : dc;
    }

    /**
     * Consul's order: the route's own check (ACLs enabled), the read options (their 400s), then the request goes
     * to that datacenter, whose servers resolve its token and answer it; nothing is resolved here.
     */
    private CompletableFuture<ApiResponse> forward(RouteTable.Route route, ApiRequest request, String datacenter) {
        try {
            route.beforeForwarding().run();
            if (request.method().equals("GET")) {
                request.queryOptions();
            }
            return forwarder.forward(datacenter, request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The caller's identity: resolved from its token, except on routes that never look at it. */
    private CompletableFuture<AclIdentity> identity(RouteTable.Route route, ApiRequest request) {
        if (route.permission().scope() == Permission.Scope.NO_TOKEN) {
            return CompletableFuture.completedFuture(UNRESOLVED);
        }
        try {
            return tokens.resolve(request.token());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The response for a handler's outcome; a failure to serialize the value is an error like any other. */
    private Outgoing respond(ByteBufAllocator alloc, ApiResponse ok, Throwable error, boolean pretty,
                             String label) {
        if (error == null) {
            try {
                if (ok.stream() != null) {
                    return new Outgoing(writer.streamHead(ok), null, ok.stream());
                }
                return new Outgoing(writer.success(alloc, ok, pretty), ok.afterWrite());
            } catch (RuntimeException e) {
                if (ok.stream() != null) {
                    ok.stream().close();
                }
                return new Outgoing(errorResponse(alloc, e, label, true), null);
            }
        }
        return new Outgoing(errorResponse(alloc, error, label, true), null);
    }

    /** A response and what to run once it is written; or a streaming response's head and its body. */
    private record Outgoing(HttpResponse response, Runnable afterWrite, StreamBody stream) {
        Outgoing(FullHttpResponse response, Runnable afterWrite) {
            this(response, afterWrite, null);
        }
    }

    private CompletableFuture<ApiResponse> invoke(RouteTable.Route route, ApiRequest request) {
        Permission p = route.permission();
        try {
            if (p.scope() == Permission.Scope.LOCAL_NODE || p.scope() == Permission.Scope.GLOBAL) {
                request.identity().require(p.resource(), p.level(),
                        p.scope() == Permission.Scope.LOCAL_NODE ? nodeName : null);
            }
            return route.handler().handle(request);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Consul's order: a non-empty {@code ?token=}, then {@code X-Consul-Token}, then {@code Authorization: Bearer}. */
    static String token(QueryStringDecoder uri, HttpHeaders headers) {
        var fromQuery = uri.parameters().get("token");
        if (fromQuery != null && !fromQuery.isEmpty() && !fromQuery.get(0).isEmpty()) {
            return fromQuery.get(0);
        }
        String header = headers.get("X-Consul-Token");
        if (header != null && !header.isEmpty()) {
            return header;
        }
        String auth = headers.get("Authorization");
        if (auth != null) {
            String[] parts = auth.split(" ");
            if (parts.length >= 2 && parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
                String rest = auth.substring(parts[0].length()).trim();
                int space = rest.indexOf(' ');
                return space < 0 ? rest : rest.substring(0, space);
            }
        }
        return "";
    }

    private FullHttpResponse errorResponse(ByteBufAllocator alloc, Throwable error, String label, boolean routed) {
        return writer.error(alloc, ErrorMapper.map(error, label), routed);
    }

    private static CompletableFuture<Outgoing> done(FullHttpResponse r) {
        return CompletableFuture.completedFuture(new Outgoing(r, null));
    }

    /** Writes {@code response} after every earlier response of this connection. */
    private void enqueue(ChannelHandlerContext ctx, CompletableFuture<Outgoing> response, String label, long start) {
        CompletableFuture<Void> previous = ctx.channel().attr(LAST_WRITE).get();
        CompletableFuture<Outgoing> ordered = previous == null || previous.isDone()
                ? response
                : previous.thenCompose(v -> response);
        CompletableFuture<Void> written = ordered.thenCompose(out -> {
            HttpResponse r = out.response();
            if (log.isDebugEnabled()) {
                log.debug("{}: {} -> {} ({} µs)", nodeName, label, r.status().code(), (System.nanoTime() - start) / 1000);
            }
            if (out.stream() != null) {
                return stream(ctx, r, out.stream());
            }
            if (ctx.channel().isActive()) {
                var write = ctx.writeAndFlush(r);
                if (out.afterWrite() != null) {
                    write.addListener(f -> out.afterWrite().run());
                }
            } else {
                ReferenceCountUtil.release(r);
                if (out.afterWrite() != null) {
                    out.afterWrite().run();
                }
            }
            return CompletableFuture.<Void>completedFuture(null);
        });
        ctx.channel().attr(LAST_WRITE).set(written.isDone() ? null : written);
    }

    /**
     * Starts a streaming response on the connection's event loop. Later responses of the connection wait until it
     * ends (in practice: until the client closes the connection).
     */
    private static CompletableFuture<Void> stream(ChannelHandlerContext ctx, HttpResponse head, StreamBody body) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        Runnable start = () -> {
            if (!ctx.channel().isActive()) {
                body.close();
                ended.complete(null);
                return;
            }
            try {
                ChunkedStream.write(ctx, head, body).whenComplete((v, e) -> ended.complete(null));
            } catch (RuntimeException e) {
                log.warn("cannot start a streaming response: {}", e.toString());
                ctx.close();
                ended.complete(null);
            }
        };
        if (ctx.executor().inEventLoop()) {
            start.run();
        } else {
            ctx.executor().execute(start);
        }
        return ended;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: closing HTTP connection after error: {}", nodeName, cause.toString());
        ctx.close();
    }
}
