package dev.attache.cluster.impl;

import io.atomix.cluster.BootstrapService;
import io.atomix.cluster.Node;
import io.atomix.cluster.discovery.NodeDiscoveryConfig;
import io.atomix.cluster.discovery.NodeDiscoveryEvent;
import io.atomix.cluster.discovery.NodeDiscoveryEventListener;
import io.atomix.cluster.discovery.NodeDiscoveryProvider;
import io.atomix.utils.event.AbstractListenerManager;
import io.atomix.utils.net.Address;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node discovery provider whose node set changes at runtime: the Raft pool learns its members' ids and addresses
 * as servers appear ({@link #put(String, Address)}). Adding a node posts a {@code JOIN} event, on which SWIM probes
 * the node at once. The gossip pools start with none and join by address ({@link PoolJoiner}).
 *
 * <p>Atomix builders keep only {@code provider.config()}; its type hands back this very instance.
 */
final class DynamicDiscoveryProvider
        extends AbstractListenerManager<NodeDiscoveryEvent, NodeDiscoveryEventListener>
        implements NodeDiscoveryProvider {

    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final InstanceConfig config = new InstanceConfig(this);

    /** Adds or updates a named node; announces it when it is new or its address changed. */
    void put(String id, Address address) {
        Node node = Node.builder().withId(id).withAddress(address).build();
        Node previous = nodes.put(id, node);
        if (previous == null || !Objects.equals(previous.address(), address)) {
            post(new NodeDiscoveryEvent(NodeDiscoveryEvent.Type.JOIN, node));
        }
    }

    @Override
    public NodeDiscoveryConfig config() {
        return config;
    }

    @Override
    public Set<Node> getNodes() {
        return Set.copyOf(nodes.values());
    }

    @Override
    public CompletableFuture<Void> join(BootstrapService bootstrap, Node localNode) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> leave(Node localNode) {
        return CompletableFuture.completedFuture(null);
    }

    private static final class InstanceConfig extends NodeDiscoveryConfig {
        private final InstanceType type;

        private InstanceConfig(DynamicDiscoveryProvider provider) {
            this.type = new InstanceType(provider);
        }

        @Override
        public NodeDiscoveryProvider.Type<InstanceConfig> getType() {
            return type;
        }
    }

    /** Private: Atomix's classpath scanner instantiates every non-private type with a no-argument constructor. */
    private static final class InstanceType implements NodeDiscoveryProvider.Type<InstanceConfig> {
        private final DynamicDiscoveryProvider provider;

        private InstanceType(DynamicDiscoveryProvider provider) {
            this.provider = provider;
        }

        @Override
        public String name() {
            return "attache-dynamic";
        }

        @Override
        public InstanceConfig newConfig() {
            return provider.config;
        }

        @Override
        public NodeDiscoveryProvider newProvider(InstanceConfig config) {
            return provider;
        }
    }
}
