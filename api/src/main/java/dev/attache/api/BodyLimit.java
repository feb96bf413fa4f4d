package dev.attache.api;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpObjectAggregator;

/** Aggregates request bodies up to a limit; a larger body gets Consul's plain-text 413 and the connection closes. */
final class BodyLimit extends HttpObjectAggregator {
    private final ResponseWriter writer;
    private final int maxBytes;

    BodyLimit(int maxBytes, ResponseWriter writer) {
        super(maxBytes, true);
        this.maxBytes = maxBytes;
        this.writer = writer;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        ApiException e = ApiException.tooLarge("Request body too large, max size: " + maxBytes + " bytes");
        FullHttpResponse response = writer.error(ctx.alloc(), e, false);
        // the connection closes after this answer: say so, or a client may send its next request on it
        HttpUtil.setKeepAlive(response, false);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
