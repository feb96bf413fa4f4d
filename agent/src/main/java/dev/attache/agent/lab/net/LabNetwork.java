package dev.attache.agent.lab.net;

import java.util.List;

/**
 * How a lab's agents reach each other: on loopback with free ports ({@link LoopbackNetwork}), or each in its own
 * network namespace on a bridge ({@link NamespaceNetwork}), where partitions and packet loss are real.
 */
public interface LabNetwork {

    /** Where one node listens. {@code prefix} goes before its {@code java} command (e.g. {@code ip netns exec}). */
    record Placement(String address, int http, int serfLan, int serfWan, int server, String netns,
                     List<String> prefix) {
        public Placement {
            prefix = List.copyOf(prefix);
        }
    }

    /** True when agents run in network namespaces. */
    boolean isolated();

    /** Creates what the nodes need (bridge, namespaces) and says where each listens, in the order given. */
    List<Placement> setUp(List<String> nodes);

    /** The command prefix that runs a process in a node's place (for a restart). */
    List<String> prefix(String netns);

    /** Drops all traffic between the groups, both ways; {@code addresses} maps node names to their addresses. */
    void partition(List<List<Placement>> groups);

    /** Removes every partition and loss. */
    void heal(List<Placement> all);

    /** Drops {@code percent} of the packets a node sends (0 removes the loss). */
    void loss(Placement node, double percent);

    /** Removes everything {@link #setUp} made; safe to call more than once and after a partial set-up. */
    void tearDown();
}
