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
 * A node discovery provider whose node set changes at runtime, so that a pool can be joined by address alone.
 *
 * <p>Two kinds of nodes live here:
 * <ul>
 *   <li>seeds, known by address only: a placeholder node with id {@code seed:<host>:<port>}. SWIM probes the
 *       address and the reply carries the real member; the owner then drops the placeholder with
 *       {@link #remove(String)}, otherwise SWIM keeps spending probe slots on it;</li>
 *   <li>named nodes ({@link #put(String, Address)}), used by the Raft pool whose member ids are known.</li>
 * </ul>
 * Adding a node posts a {@code JOIN} event, on which SWIM probes the node at once.
 *
 * <p>Atomix builders keep only {@code provider.config()}; its type hands back this very instance.
 */
final class DynamicDiscoveryProvider
        extends AbstractListenerManager<NodeDiscoveryEvent, NodeDiscoveryEventListener>
        implements NodeDiscoveryProvider {

    static final String SEED_PREFIX = "seed:";

    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final InstanceConfig config = new InstanceConfig(this);

    /** Adds (or re-announces) a seed known by address only; returns the placeholder's id. */
    String addSeed(Address address) {
        String id = SEED_PREFIX + address.host() + ":" + address.port();
        Node node = Node.builder().withId(id).withAddress(address).build();
        nodes.put(id, node);
        post(new NodeDiscoveryEvent(NodeDiscoveryEvent.Type.JOIN, node));
        return id;
    }

    /** Adds or updates a named node; announces it when it is new or its address changed. */
    void put(String id, Address address) {
        Node node = Node.builder().withId(id).withAddress(address).build();
        Node previous = nodes.put(id, node);
        if (previous == null || !Objects.equals(previous.address(), address)) {
            post(new NodeDiscoveryEvent(NodeDiscoveryEvent.Type.JOIN, node));
        }
    }

    /** Forgets a node (a seed that answered or gave up). */
    void remove(String id) {
        Node node = nodes.remove(id);
        if (node != null) {
            post(new NodeDiscoveryEvent(NodeDiscoveryEvent.Type.LEAVE, node));
        }
    }

    /** The seed placeholders currently held, by id. */
    Map<String, Address> seeds() {
        Map<String, Address> seeds = new ConcurrentHashMap<>();
        nodes.forEach((id, node) -> {
            if (id.startsWith(SEED_PREFIX)) {
                seeds.put(id, node.address());
            }
        });
        return seeds;
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
