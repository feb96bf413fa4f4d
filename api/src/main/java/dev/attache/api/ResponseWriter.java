package dev.attache.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import dev.attache.api.json.Json;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds every response the server sends, so that headers and bodies are made in one place. */
final class ResponseWriter {
    static final AsciiString JSON = AsciiString.cached("application/json");
    static final AsciiString TEXT = AsciiString.cached("text/plain; charset=utf-8");
    static final AsciiString DEFAULT_ACL_POLICY = AsciiString.cached("X-Consul-Default-ACL-Policy");

    /** Headers of a relayed answer that describe the other agent's connection, not this one's. */
    private static final java.util.Set<String> HOP_BY_HOP = java.util.Set.of("content-length", "transfer-encoding",
            "connection", "keep-alive");

    private final AsciiString defaultAclPolicy;
    private final Map<String, String> extraHeaders;

    ResponseWriter(String defaultAclPolicy, Map<String, String> extraHeaders) {
        this.defaultAclPolicy = AsciiString.of(defaultAclPolicy);
        this.extraHeaders = Map.copyOf(extraHeaders);
    }

    /** A 200 for a routed request: the JSON body (or none) and the response's own headers. */
    FullHttpResponse success(ByteBufAllocator alloc, ApiResponse response, boolean pretty) {
        FullHttpResponse r;
        if (response.isEmpty()) {
            r = response(alloc, HttpResponseStatus.OK, new byte[0], JSON);
        } else if (response.body() instanceof dev.attache.cluster.ForwardedResponse relayed) {
            FullHttpResponse passed = response(alloc, HttpResponseStatus.valueOf(relayed.status()), relayed.body(),
                    null);
            relayed.headers().forEach((name, value) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    passed.headers().set(name, value);
                }
            });
            r = passed;
        } else if (response.body() instanceof ApiResponse.Raw raw) {
            r = response(alloc, HttpResponseStatus.OK, raw.bytes(), AsciiString.of(raw.contentType()));
        } else {
            ByteBuf content = alloc.buffer(1024);
            try {
                Json.write(response.body(), pretty, new ByteBufOutputStream(content));
            } catch (RuntimeException e) {
                content.release();
                throw e;
            }
            r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, content);
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON);
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        }
        response.headers().forEach(r.headers()::set);
        return routed(r);
    }

    /**
     * The head of a streaming 200: chunked transfer encoding, plain text (Consul's stream is sniffed as such), the
     * response's own headers and Consul's.
     */
    HttpResponse streamHead(ApiResponse response) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, TEXT);
        HttpUtil.setTransferEncodingChunked(r, true);
        response.headers().forEach(r.headers()::set);
        return routed(r);
    }

    /** An error for a routed request (Consul's headers added), or for an unrouted one. */
    FullHttpResponse error(ByteBufAllocator alloc, ApiException e, boolean routed) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(e.status());
        FullHttpResponse r = response(alloc, status, e.getMessage().getBytes(StandardCharsets.UTF_8), TEXT);
        if (e.allow() != null) {
            r.headers().set(HttpHeaderNames.ALLOW, e.allow());
        }
        if (e.location() != null) {
            r.headers().set(HttpHeaderNames.LOCATION, e.location());
        }
        e.headers().forEach(r.headers()::set);
        return routed ? routed(r) : r;
    }

    /** 200 to OPTIONS: empty, with {@code Allow}. */
    FullHttpResponse options(ByteBufAllocator alloc, String allow) {
        FullHttpResponse r = response(alloc, HttpResponseStatus.OK, new byte[0], null);
        r.headers().set(HttpHeaderNames.ALLOW, allow);
        return routed(r);
    }

    private <R extends HttpResponse> R routed(R r) {
        HttpHeaders h = r.headers();
        h.set(DEFAULT_ACL_POLICY, defaultAclPolicy);
        extraHeaders.forEach(h::set);
        return r;
    }

    private static FullHttpResponse response(ByteBufAllocator alloc, HttpResponseStatus status, byte[] body,
                                             AsciiString contentType) {
        ByteBuf content = body.length == 0 ? alloc.buffer(0, 0) : alloc.buffer(body.length).writeBytes(body);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        if (contentType != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return r;
    }
}
