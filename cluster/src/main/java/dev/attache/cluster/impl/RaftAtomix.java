package dev.attache.cluster.impl;

import dev.attache.cluster.NetworkFaults;
import io.atomix.cluster.messaging.ManagedMessagingService;
import io.atomix.core.Atomix;
import io.atomix.core.AtomixConfig;
import io.atomix.core.AtomixRegistry;

/**
 * A full Atomix instance built from a hand-made {@link AtomixConfig} with our own messaging service
 * ({@link ContactRecordingMessagingService}); Atomix's builder offers no way to pass one.
 *
 * <p>Partition group configs are made directly rather than through {@code RaftPartitionGroup.builder()}: that
 * builder constructs a whole group, thread pool included, only to keep its config.
 */
final class RaftAtomix extends Atomix {

    RaftAtomix(AtomixConfig config, AtomixRegistry registry, ManagedMessagingService messaging,
               NetworkFaults faults) {
        super(config, registry, messaging,
                new FaultInjectingMessagingService.Unicast(buildUnicastService(config.getClusterConfig()), faults), null);
    }
}
