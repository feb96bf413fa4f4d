package dev.attache.cluster.impl;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atomix.cluster.AtomixCluster;
import io.atomix.cluster.MemberId;
import io.atomix.cluster.messaging.ClusterCommunicationService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one pool's members tell each other beyond SWIM, over Atomix's {@link ClusterCommunicationService} (TCP,
 * request and acknowledgement):
 * <ul>
 *   <li>{@link #INTENT_SUBJECT}: membership intents Serf gossips and Atomix's SWIM has no message for: a
 *       force-leave of a member, and a member's own graceful leave. Small JSON objects; see {@link Intent};</li>
 *   <li>{@link #PING_SUBJECT}: an empty request a live member answers, used to confirm that a member SWIM
 *       reports back is really there before a left or erased member is listed again.</li>
 * </ul>
 */
final class PoolMessages {

    private static final Logger log = LoggerFactory.getLogger(PoolMessages.class);

    static final String INTENT_SUBJECT = "attache-member-intent";
    static final String PING_SUBJECT = "attache-member-ping";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] EMPTY = new byte[0];

    /**
     * One intent.
     *
     * @param type   {@link #FORCE_LEAVE} or {@link #LEAVE}
     * @param node   the member it is about (for a leave, the sender itself)
     * @param prune  force-leave only: erase the member instead of leaving it listed as left
     * @param refute force-leave only: the member's refute counter as the sender saw it
     */
    record Intent(@JsonProperty("Type") String type, @JsonProperty("Node") String node,
                  @JsonProperty("Prune") boolean prune, @JsonProperty("Refute") long refute) {
        static final String FORCE_LEAVE = "force-leave";
        static final String LEAVE = "leave";

        static Intent forceLeave(String node, boolean prune, long refute) {
            return new Intent(FORCE_LEAVE, node, prune, refute);
        }

        static Intent leave(String node) {
            return new Intent(LEAVE, node, false, 0);
        }
    }

    /** How a broadcast went: how many members it was sent to and how many acknowledged it. */
    record Delivery(int targets, int acknowledged) {
    }

    private final String nodeName;
    private final String poolName;
    private final AtomixCluster cluster;

    PoolMessages(String nodeName, String poolName, AtomixCluster cluster) {
        this.nodeName = nodeName;
        this.poolName = poolName;
        this.cluster = cluster;
    }

    /** Subscribes the handlers; intents are handed to {@code receiver} on {@code executor}. */
    void start(Consumer<Intent> receiver, Executor executor) {
        ClusterCommunicationService messaging = cluster.getCommunicationService();
        messaging.<Intent, byte[]>subscribe(INTENT_SUBJECT, PoolMessages::decode, intent -> {
            receiver.accept(intent);
            return EMPTY;
        }, reply -> reply, executor);
        messaging.<byte[], byte[]>subscribe(PING_SUBJECT, b -> b, b -> EMPTY, reply -> reply, Runnable::run);
    }

    void stop() {
        ClusterCommunicationService messaging = cluster.getCommunicationService();
        messaging.unsubscribe(INTENT_SUBJECT);
        messaging.unsubscribe(PING_SUBJECT);
    }

    /**
     * Sends the intent to every other member SWIM holds alive or suspect; each send may take {@code timeout}.
     * Completes when every send has been acknowledged or has failed (failures are logged, not raised).
     */
    CompletableFuture<Delivery> broadcast(Intent intent, Duration timeout) {
        MemberId self = cluster.getMembershipService().getLocalMember().id();
        List<MemberId> targets = cluster.getMembershipService().getMembers().stream()
                .map(io.atomix.cluster.Member::id)
                .filter(id -> !id.equals(self))
                .toList();
        byte[] payload = encode(intent);
        List<CompletableFuture<Boolean>> sends = targets.stream()
                .map(id -> cluster.getCommunicationService()
                        .<byte[], byte[]>send(INTENT_SUBJECT, payload, b -> b, b -> b, id, timeout)
                        .handle((reply, e) -> {
                            if (e != null) {
                                log.debug("{}: {} {} of {} not delivered to {}: {}", nodeName, poolName, intent.type(),
                                        intent.node(), id.id(), e.toString());
                            }
                            return e == null;
                        }))
                .toList();
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .thenApply(v -> new Delivery(targets.size(), (int) sends.stream().filter(CompletableFuture::join).count()));
    }

    /** Completes when the member answered within {@code timeout}; fails otherwise. */
    CompletableFuture<Void> ping(String member, Duration timeout) {
        return cluster.getCommunicationService()
                .<byte[], byte[]>send(PING_SUBJECT, EMPTY, b -> b, b -> b, MemberId.from(member), timeout)
                .thenApply(reply -> null);
    }

    private static byte[] encode(Intent intent) {
        try {
            return JSON.writeValueAsBytes(intent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Intent decode(byte[] bytes) {
        try {
            return JSON.readValue(bytes, Intent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
