package dev.attache.api;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/** The pipeline: codec → keep-alive → body aggregation with a limit → dispatcher. */
final class HttpApiInitializer extends ChannelInitializer<SocketChannel> {
    private final ChannelHandler dispatcher;
    private final ResponseWriter writer;
    private final int maxBody;

    /** @param dispatcher the last, shared handler: the {@link Dispatcher} (a benchmark substitutes a fixed responder) */
    HttpApiInitializer(ChannelHandler dispatcher, ResponseWriter writer, int maxBody) {
        this.dispatcher = dispatcher;
        this.writer = writer;
        this.maxBody = maxBody;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("codec", new HttpServerCodec())
                // before the keep-alive handler, so that its 413 does not pass through it: that handler would close
                // the connection as soon as the 413 is written, while the client is still sending the body
                .addLast("aggregator", new BodyLimit(maxBody, writer))
                .addLast("keepAlive", new HttpServerKeepAliveHandler())
                .addLast("dispatcher", dispatcher);
    }
}
