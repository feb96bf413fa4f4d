package dev.attache.agent.logstream;

import ch.qos.logback.classic.Level;
import dev.attache.api.StreamBody;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One monitor request: the lines waiting for its client, at most {@link #CAPACITY} (Consul's 512); a line that
 * finds the queue full is dropped and counted, so a reader that reads nothing holds a bounded amount of memory.
 */
public final class LogSubscriber implements StreamBody {
    /** Lines held for a slow reader before new ones are dropped (Consul's monitor buffer). */
    public static final int CAPACITY = 512;
    /** Lines are sent in chunks of about this many bytes when more than one is waiting. */
    static final int CHUNK_BYTES = 16 * 1024;

    private final LogStream stream;
    private final int levelInt;
    private final boolean json;
    private final ArrayBlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Runnable wake;

    LogSubscriber(LogStream stream, Level level, boolean json) {
        this.stream = stream;
        this.levelInt = level.levelInt;
        this.json = json;
    }

    int levelInt() {
        return levelInt;
    }

    boolean json() {
        return json;
    }

    /** Lines waiting for the client. Never more than {@link #CAPACITY}. */
    public int queued() {
        return queue.size();
    }

    /** Lines dropped so far because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Called on the logging thread: queues the line, or drops and counts it. Never blocks. */
    void offer(byte[] line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
            return;
        }
        Runnable w = wake;
        if (w != null) {
            w.run();
        }
    }

    @Override
    public void start(Runnable wake) {
        this.wake = wake;
    }

    /** The waiting lines, up to about {@link #CHUNK_BYTES} of them in one chunk; null when none waits. */
    @Override
    public byte[] poll() {
        byte[] first = queue.poll();
        if (first == null || queue.isEmpty()) {
            return first;
        }
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(Math.min(CHUNK_BYTES, first.length * 8) + 256);
        chunk.writeBytes(first);
        byte[] next;
        while (chunk.size() < CHUNK_BYTES && (next = queue.poll()) != null) {
            chunk.writeBytes(next);
        }
        return chunk.toByteArray();
    }

    /** The client went away (or the agent stops): no more lines; the dropped count is logged if any. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stream.unsubscribed(this, dropped.get());
            queue.clear();
        }
    }
}
