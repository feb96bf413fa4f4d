package dev.attache.cluster.impl;

import io.atomix.cluster.AtomixCluster;
import io.atomix.cluster.ClusterConfig;

/**
 * A membership-only Atomix cluster (one gossip pool) whose messaging has deadlines ({@link DeadlineMessagingService}),
 * so that SWIM declares a frozen peer failed. Atomix's public constructors build the messaging service themselves;
 * the protected one takes ours.
 */
final class PoolAtomixCluster extends AtomixCluster {

    PoolAtomixCluster(ClusterConfig config) {
        super(config, null, new DeadlineMessagingService(buildMessagingService(config)), null, null);
    }
}
