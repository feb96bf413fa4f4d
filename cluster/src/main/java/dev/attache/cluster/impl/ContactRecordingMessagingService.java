package dev.attache.cluster.impl;

import io.atomix.cluster.messaging.ManagedMessagingService;
import io.atomix.utils.net.Address;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * The Raft pool's messaging service, wrapped to note when the Raft partition's leader last reached this server:
 * each AppendEntries request (the leader's heartbeat, every 250 ms in Atomix) arrives on the
 * {@code <partition>-append} subject. Atomix exposes no such timestamp; Consul reports it as {@code last_contact}.
 */
final class ContactRecordingMessagingService extends ForwardingMessagingService {

    private final String appendSubject;
    private volatile long lastAppendNanos;

    /**
     * @param delegate      the real messaging service
     * @param partitionName the Raft partition's name (Atomix: {@code <group>-partition-<n>})
     */
    ContactRecordingMessagingService(ManagedMessagingService delegate, String partitionName) {
        super(delegate);
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
}
