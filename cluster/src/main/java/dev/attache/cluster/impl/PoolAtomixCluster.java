package dev.attache.cluster.impl;

import dev.attache.cluster.NetworkFaults;
import io.atomix.cluster.AtomixCluster;
import io.atomix.cluster.ClusterConfig;
import java.util.concurrent.CompletableFuture;

/**
 * A membership-only Atomix cluster (one gossip pool) whose messaging has deadlines ({@link DeadlineMessagingService}),
 * so that SWIM declares a frozen peer failed, and injected faults ({@link FaultInjectingMessagingService}). Atomix's
 * public constructors build the messaging service themselves; the protected one takes ours.
 *
 * <p>Atomix's cluster event service is not started: a pool has no event subscriptions, and the service would
 * otherwise send its empty subscription list to a random member every second, over a connection of its own to each.
 */
final class PoolAtomixCluster extends AtomixCluster {

    PoolAtomixCluster(ClusterConfig config, NetworkFaults faults) {
        super(config, null, new FaultInjectingMessagingService(
                        new DeadlineMessagingService(buildMessagingService(config)), faults),
                new FaultInjectingMessagingService.Unicast(buildUnicastService(config), faults), null);
    }

    @Override
    protected CompletableFuture<Void> startServices() {
        return messagingService.start()
                .thenCompose(v -> unicastService.start())
                .thenCompose(v -> broadcastService.start())
                .thenCompose(v -> membershipService.start())
                .thenCompose(v -> communicationService.start())
                .thenApply(v -> null);
    }
}
