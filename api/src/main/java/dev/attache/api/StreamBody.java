package dev.attache.api;

/**
 * The body of a streaming response ({@code /v1/agent/monitor}): chunks produced over time and sent as HTTP chunked
 * transfer encoding as the client takes them. The body keeps its own bounded buffer; the server pulls from it only
 * while the connection can take more, so a slow reader makes the body fill (and drop, or wait), never the server's
 * memory grow.
 *
 * <p>Life cycle: {@link #start(Runnable)} once the response head is on its way; then {@link #poll()} on the
 * connection's thread after each wake-up, until it returns null; {@link #close()} exactly once, when the client
 * goes away, the stream {@link #finished() finished}, or the server stops.
 */
public interface StreamBody {

    /**
     * Starts producing.
     *
     * @param wake to call (from any thread, as often as wanted: calls are coalesced) whenever {@link #poll()} may
     *             return something new
     */
    void start(Runnable wake);

    /** The next chunk, or null when nothing is ready now. Called on the connection's thread only. */
    byte[] poll();

    /** True once no chunk will ever come again: the response then ends (the connection stays usable). */
    default boolean finished() {
        return false;
    }

    /** Releases what the body holds (a subscription). Called once, on any thread. */
    void close();
}
