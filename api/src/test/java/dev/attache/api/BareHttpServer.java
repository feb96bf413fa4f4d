package dev.attache.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Arrays;
import java.util.Map;

/**
 * The HTTP benchmark's baseline: the agent's server (same bootstrap, same pipeline, same threads) whose
 * last handler answers every request with a fixed JSON body of a given size. Run by {@code bench/http.sh}:
 * {@code BareHttpServer <port> <bodyBytes>}.
 */
public final class BareHttpServer {
    private BareHttpServer() {
    }

    @ChannelHandler.Sharable
    static final class FixedResponder extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final byte[] body;

        FixedResponder(int size) {
            body = new byte[size];
            Arrays.fill(body, (byte) ' ');
            body[0] = '{';
            body[size - 1] = '}';
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(body));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ctx.writeAndFlush(r);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int size = Integer.parseInt(args[1]);
        HttpConfig config = new HttpConfig("127.0.0.1", port, HttpConfig.DEFAULT_MAX_REQUEST_BODY_BYTES, Map.of(), 0);
        HttpApiServer server = new HttpApiServer(config, "bare", new ResponseWriter("allow", Map.of()),
                writer -> new FixedResponder(size)).start().get();
        System.out.println("bare server listening on 127.0.0.1:" + server.port() + " with a " + size + "-byte body");
        Thread.currentThread().join();
    }
}
