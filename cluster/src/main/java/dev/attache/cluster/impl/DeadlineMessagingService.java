package dev.attache.cluster.impl;

import io.atomix.cluster.messaging.ManagedMessagingService;
import io.atomix.utils.net.Address;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A messaging service whose every send completes by a deadline (shared/ATOMIX.md, defect 2: a frozen peer is never
 * declared dead).
 *
 * <p>The hang, in Atomix 3.1.12's {@code NettyMessagingService}: a request first opens (or takes from the pool) a
 * channel whose future completes only when the peer answers the protocol handshake. The TCP connect to a process
 * stopped with SIGSTOP succeeds (the kernel accepts on its behalf), the handshake is never answered, and the
 * handshake has no timeout; the request's own timeout starts only once the channel is ready. So a SWIM probe of a
 * frozen peer neither succeeds nor fails, the peer is never suspected, and SWIM's {@code probeTimeout} never applies.
 *
 * <p>Here the timeout the caller gave covers the whole request, connect and handshake included, as memberlist's
 * probe timeout does; a request without one gets {@link #DEFAULT_DEADLINE}. The abandoned connection attempt is
 * Atomix's to finish: it completes (and a transient channel is closed) when the peer resumes, or is reset when it
 * dies; SWIM stops probing a dead member, so their number stays small.
 */
final class DeadlineMessagingService extends ForwardingMessagingService {

    /** Atomix's longest dynamic reply timeout (5 s) plus its connect timeout (1 s). */
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(6);

    DeadlineMessagingService(ManagedMessagingService delegate) {
        super(delegate);
    }

    @Override
    public CompletableFuture<Void> sendAsync(Address address, String type, byte[] payload, boolean keepAlive) {
        return deadline(delegate.sendAsync(address, type, payload, keepAlive), null);
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceive(Address address, String type, byte[] payload, boolean keepAlive) {
        return deadline(delegate.sendAndReceive(address, type, payload, keepAlive), null);
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceive(Address address, String type, byte[] payload, boolean keepAlive,
                                                    Executor executor) {
        return deadline(delegate.sendAndReceive(address, type, payload, keepAlive, executor), null);
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceive(Address address, String type, byte[] payload, boolean keepAlive,
                                                    Duration timeout) {
        return deadline(delegate.sendAndReceive(address, type, payload, keepAlive, timeout), timeout);
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceive(Address address, String type, byte[] payload, boolean keepAlive,
                                                    Duration timeout, Executor executor) {
        return deadline(delegate.sendAndReceive(address, type, payload, keepAlive, timeout, executor), timeout);
    }

    /**
     * Fails the future with a {@link java.util.concurrent.TimeoutException} at the deadline. The future is the one
     * Atomix made for this one request, so completing it here affects nothing else; a late reply is then ignored.
     */
    private static <T> CompletableFuture<T> deadline(CompletableFuture<T> request, Duration timeout) {
        Duration d = timeout == null || timeout.isNegative() || timeout.isZero() ? DEFAULT_DEADLINE : timeout;
        return request.orTimeout(d.toMillis(), TimeUnit.MILLISECONDS);
    }
}
