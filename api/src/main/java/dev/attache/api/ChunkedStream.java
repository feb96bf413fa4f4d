package dev.attache.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link StreamBody} as Netty's chunked input. A connection's first streaming response adds a
 * {@link ChunkedWriteHandler} in front of the dispatcher; it pulls chunks only while the channel is writable and
 * resumes on writability changes, so back-pressure reaches the body, and it closes the input when the channel closes.
 * Wake-ups from the body are coalesced into at most one pending task on the connection's event loop, and never run
 * inline: the body's producer (a logging call) may itself be running on an event loop.
 */
final class ChunkedStream implements ChunkedInput<ByteBuf> {
    static final String HANDLER_NAME = "chunkedWriter";

    private final StreamBody body;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private long progress;

    private ChunkedStream(StreamBody body) {
        this.body = body;
    }

    /**
     * Writes {@code head} and then {@code body}'s chunks on {@code ctx}'s channel (called on its event loop).
     * Completes once the stream ended: the body finished, or the connection closed (the body is closed then).
     */
    static CompletableFuture<Void> write(ChannelHandlerContext ctx, HttpResponse head, StreamBody body) {
        ChunkedStream input = new ChunkedStream(body);
        CompletableFuture<Void> ended = new CompletableFuture<>();
        ChannelPipeline pipeline = ctx.pipeline();
        ChunkedWriteHandler chunked = pipeline.get(ChunkedWriteHandler.class);
        if (chunked == null) {
            chunked = new ChunkedWriteHandler();
            pipeline.addBefore(ctx.name(), HANDLER_NAME, chunked);
        }
        ChunkedWriteHandler writer = chunked;
        ctx.channel().closeFuture().addListener(f -> {
            input.close();
            ended.complete(null);
        });
        try {
            body.start(() -> {
                if (input.wakePending.compareAndSet(false, true)) {
                    try {
                        ctx.executor().execute(writer::resumeTransfer);
                    } catch (RejectedExecutionException e) {
                        input.close(); // the server is stopping
                    }
                }
            });
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
        ctx.write(head);
        ctx.writeAndFlush(new HttpChunkedInput(input)).addListener(f -> {
            input.close();
            ended.complete(null);
        });
        return ended;
    }

    @Override
    public boolean isEndOfInput() {
        return closed.get() || body.finished();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            body.close();
        }
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) {
        wakePending.set(false); // a wake-up from now on schedules another pull
        byte[] chunk = closed.get() ? null : body.poll();
        if (chunk == null || chunk.length == 0) {
            return null;
        }
        progress += chunk.length;
        return Unpooled.wrappedBuffer(chunk);
    }

    @Override
    public long length() {
        return -1;
    }

    @Override
    public long progress() {
        return progress;
    }
}
