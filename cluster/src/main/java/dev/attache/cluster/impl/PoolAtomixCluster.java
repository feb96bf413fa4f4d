package dev.attache.cluster.impl;

import dev.attache.cluster.NetworkFaults;
import io.atomix.cluster.AtomixCluster;
import io.atomix.cluster.ClusterConfig;

/**
 * A membership-only Atomix cluster (one gossip pool) whose messaging has deadlines ({@link DeadlineMessagingService}),
 * so that SWIM declares a frozen peer failed, and injected faults ({@link FaultInjectingMessagingService}). Atomix's public constructors build the messaging service themselves;
 * the protected one takes ours.
 */
final class PoolAtomixCluster extends AtomixCluster {

    PoolAtomixCluster(ClusterConfig config, NetworkFaults faults) {
        super(config, null, new FaultInjectingMessagingService(
                        new DeadlineMessagingService(buildMessagingService(config)), faults),
                new FaultInjectingMessagingService.Unicast(buildUnicastService(config), faults), null);
    }
}
