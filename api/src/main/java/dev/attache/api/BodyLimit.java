package dev.attache.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.TimeUnit;

/**
 * Aggregates request bodies up to a limit; a larger body gets Consul's plain-text 413 and the connection closes.
 *
 * <p>The answer goes out as soon as the request's head shows the body is too large, while the client is still
 * sending it. Closing then would leave unread bytes in the socket, and the kernel would answer them with a reset
 * that can destroy the 413 before the client reads it. So the connection closes once the rest of the body has been
 * read (and discarded), or after {@link #DRAIN_MILLIS} at the latest.
 */
final class BodyLimit extends HttpObjectAggregator {
    /** How long the rest of an oversized body is read and discarded before the connection closes anyway. */
    static final long DRAIN_MILLIS = 5_000;

    private final ResponseWriter writer;
    private final int maxBytes;
    private boolean closeAfterBody;

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
        ctx.writeAndFlush(response);
        closeAfterBody = true;
        ctx.executor().schedule(() -> ctx.close(), DRAIN_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        boolean bodyEnds = closeAfterBody && msg instanceof LastHttpContent;
        super.channelRead(ctx, msg); // discards the oversized body's content
        if (bodyEnds) {
            ctx.close();
        }
    }
}
