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
 * A messaging service that forwards every call to another one; subclasses override what they change. Atomix
 * accepts a ready-made {@link ManagedMessagingService} in the protected constructors of {@code AtomixCluster} and
 * {@code Atomix}, which is how ours are put in place.
 */
abstract class ForwardingMessagingService implements ManagedMessagingService {

    protected final ManagedMessagingService delegate;

    ForwardingMessagingService(ManagedMessagingService delegate) {
        this.delegate = delegate;
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
    public void registerHandler(String type, BiConsumer<Address, byte[]> handler, Executor executor) {
        delegate.registerHandler(type, handler, executor);
    }

    @Override
    public void registerHandler(String type, BiFunction<Address, byte[], byte[]> handler, Executor executor) {
        delegate.registerHandler(type, handler, executor);
    }

    @Override
    public void registerHandler(String type, BiFunction<Address, byte[], CompletableFuture<byte[]>> handler) {
        delegate.registerHandler(type, handler);
    }

    @Override
    public void unregisterHandler(String type) {
        delegate.unregisterHandler(type);
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
