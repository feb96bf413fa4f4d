package dev.attache.cluster.impl;

import io.atomix.cluster.messaging.ManagedMessagingService;
import io.atomix.cluster.messaging.MessagingService;
import io.atomix.utils.net.Address;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * The Raft pool's messaging service, wrapped to note when the Raft partition's leader last reached this server:
 * each AppendEntries request (the leader's heartbeat, every 250 ms in Atomix) arrives on the
 * {@code <partition>-append} subject. Atomix exposes no such timestamp; Consul reports it as {@code last_contact}.
 */
final class ContactRecordingMessagingService implements ManagedMessagingService {

    private final ManagedMessagingService delegate;
    private final String appendSubject;
    private volatile long lastAppendNanos;

    /**
     * @param delegate      the real messaging service
     * @param partitionName the Raft partition's name (Atomix: {@code <group>-partition-<n>})
     */
    ContactRecordingMessagingService(ManagedMessagingService delegate, String partitionName) {
        this.delegate = delegate;
        this.appendSubject = partitionName + "-append";
    }

    /** {@link System#nanoTime()} of the last AppendEntries request received, or 0 if none yet. */
    long lastAppendNanos() {
        return lastAppendNanos;
    }

    @Override
    public void registerHandler(String type, BiFunction<Address, byte[], CompletableFuture<byte[]>> handler) {
        if (appendSubject.equals(type)) {
            delegate.registerHandler(type, (address, payload) -> {
                lastAppendNanos = System.nanoTime();
                return handler.apply(address, payload);
            });
        } else {
            delegate.registerHandler(type, handler);
        }
    }

    @Override
    public void registerHandler(String type, BiConsumer<Address, byte[]> handler, Executor executor) {
        delegate.registerHandler(type, handler, executor);
    }

    @Override
    public void registerHandler(String type, BiFunction<Address, byte[], byte[]> handler, Executor executor) {
        delegate.registerHandler(type, handler, executor);
    }

    @Override
    public void unregisterHandler(String type) {
        delegate.unregisterHandler(type);
    }

    @Override
    public Address address() {
        return delegate.address();
    }

    @Override
    public CompletableFuture<Void> sendAsync(Address address, String type, byte[] payload, boolean keepAlive) {
        return delegate.sendAsync(address, type, payload, keepAlive);
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceive(Address address, String type, byte[] payload, boolean keepAlive) {
        return delegate.sendAndReceive(address, type, payload, keepAlive);
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceive(Address address, String type, byte[] payload, boolean keepAlive,
                                                    Executor executor) {
        return delegate.sendAndReceive(address, type, payload, keepAlive, executor);
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceive(Address address, String type, byte[] payload, boolean keepAlive,
                                                    Duration timeout) {
        return delegate.sendAndReceive(address, type, payload, keepAlive, timeout);
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceive(Address address, String type, byte[] payload, boolean keepAlive,
                                                    Duration timeout, Executor executor) {
        return delegate.sendAndReceive(address, type, payload, keepAlive, timeout, executor);
    }

    @Override
    public CompletableFuture<MessagingService> start() {
        return delegate.start().thenApply(s -> this);
    }

    @Override
    public boolean isRunning() {
        return delegate.isRunning();
    }

    @Override
    public CompletableFuture<Void> stop() {
        return delegate.stop();
    }
}
