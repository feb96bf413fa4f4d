package dev.attache.cluster.impl;

import dev.attache.cluster.NetworkFaults;
import io.atomix.cluster.messaging.ManagedMessagingService;
import io.atomix.cluster.messaging.ManagedUnicastService;
import io.atomix.cluster.messaging.UnicastService;
import io.atomix.utils.net.Address;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A messaging service that applies an agent's {@link NetworkFaults}: while paused it answers nothing and holds what
 * it sends until the resume; a blocked peer's sends fail at once and its messages are dropped. Its companion
 * {@link Unicast} does the same to SWIM's UDP gossip, which travels outside the messaging service.
 *
 * <p>It sits outside {@link DeadlineMessagingService}, so a send held during a pause gets its whole deadline once it
 * goes out. A request that is dropped on arrival is never answered: the sender's own deadline fails it, as it would
 * for a hung process. Without faults each call costs one volatile read.
 */
final class FaultInjectingMessagingService extends ForwardingMessagingService {

    private final NetworkFaults faults;

    FaultInjectingMessagingService(ManagedMessagingService delegate, NetworkFaults faults) {
        super(delegate);
        this.faults = faults;
    }

    static String key(Address address) {
        return address.host() + ":" + address.port();
    }

    /** True when a message from {@code from} is to be dropped; builds no key on the fast path. */
    static boolean dropped(NetworkFaults faults, Address from) {
        return faults.active() && faults.dropsFrom(key(from));
    }

    private <T> CompletableFuture<T> send(Address to, Supplier<CompletableFuture<T>> send) {
        if (!faults.active()) {
            return send.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        faults.whenUnpaused(() -> {
            if (faults.blocks(key(to))) {
                result.completeExceptionally(new ConnectException("cannot reach " + key(to) + " (injected fault)"));
                return;
            }
            try {
                send.get().whenComplete((v, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(v);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public CompletableFuture<Void> sendAsync(Address address, String type, byte[] payload, boolean keepAlive) {
        return send(address, () -> delegate.sendAsync(address, type, payload, keepAlive));
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceive(Address address, String type, byte[] payload, boolean keepAlive) {
        return send(address, () -> delegate.sendAndReceive(address, type, payload, keepAlive));
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceive(Address address, String type, byte[] payload, boolean keepAlive,
                                                    Executor executor) {
        return send(address, () -> delegate.sendAndReceive(address, type, payload, keepAlive, executor));
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceive(Address address, String type, byte[] payload, boolean keepAlive,
                                                    Duration timeout) {
        return send(address, () -> delegate.sendAndReceive(address, type, payload, keepAlive, timeout));
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceive(Address address, String type, byte[] payload, boolean keepAlive,
                                                    Duration timeout, Executor executor) {
        return send(address, () -> delegate.sendAndReceive(address, type, payload, keepAlive, timeout, executor));
    }

    @Override
    public void registerHandler(String type, BiConsumer<Address, byte[]> handler, Executor executor) {
        delegate.registerHandler(type, (from, payload) -> {
            if (!dropped(faults, from)) {
                handler.accept(from, payload);
            }
        }, executor);
    }

    /** Registered as the asynchronous kind, so that a dropped request can go unanswered. */
    @Override
    public void registerHandler(String type, BiFunction<Address, byte[], byte[]> handler, Executor executor) {
        delegate.registerHandler(type, (Address from, byte[] payload) -> dropped(faults, from)
                ? new CompletableFuture<byte[]>()
                : CompletableFuture.supplyAsync(() -> handler.apply(from, payload), executor));
    }

    @Override
    public void registerHandler(String type, BiFunction<Address, byte[], CompletableFuture<byte[]>> handler) {
        delegate.registerHandler(type, (Address from, byte[] payload) -> dropped(faults, from)
                ? new CompletableFuture<byte[]>()
                : handler.apply(from, payload));
    }

    /** SWIM's UDP gossip under the same faults: datagrams to a blocked peer, or while paused, are dropped. */
    static final class Unicast implements ManagedUnicastService {
        private final ManagedUnicastService delegate;
        private final NetworkFaults faults;
        private final Map<BiConsumer<Address, byte[]>, BiConsumer<Address, byte[]>> wrapped = new ConcurrentHashMap<>();

        Unicast(ManagedUnicastService delegate, NetworkFaults faults) {
            this.delegate = delegate;
            this.faults = faults;
        }

        @Override
        public void unicast(Address address, String subject, byte[] message) {
            if (faults.active() && (faults.paused() || faults.blocks(key(address)))) {
                return;
            }
            delegate.unicast(address, subject, message);
        }

        @Override
        public void addListener(String subject, BiConsumer<Address, byte[]> listener, Executor executor) {
            BiConsumer<Address, byte[]> filtered = (from, payload) -> {
                if (!dropped(faults, from)) {
                    listener.accept(from, payload);
                }
            };
            wrapped.put(listener, filtered);
            delegate.addListener(subject, filtered, executor);
        }

        @Override
        public void removeListener(String subject, BiConsumer<Address, byte[]> listener) {
            BiConsumer<Address, byte[]> filtered = wrapped.remove(listener);
            delegate.removeListener(subject, filtered != null ? filtered : listener);
        }

        @Override
        public CompletableFuture<UnicastService> start() {
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
}
