package dev.attache.cluster;

import dev.attache.cluster.impl.AtomixAgentCluster;
import java.util.concurrent.CompletableFuture;

/**
 * One agent's part in the cluster: its LAN pool and, on a server, its datacenter's Raft group.
 * Many may run in one JVM; nothing here is static.
 */
public interface AgentCluster {

    /** Starts the pools; completes once the LAN pool is up (Raft forms in the background). */
    static CompletableFuture<AgentCluster> start(ClusterConfig config) {
        return AtomixAgentCluster.start(config);
    }

    /** The datacenter's LAN pool. */
    Membership lan();

    /** The WAN pool of servers (members named {@code node.dc}); empty on a client agent. */
    java.util.Optional<Membership> wan();

    /**
     * Graceful leave: announces {@code leaving} in every pool this agent is in, waits for that to spread, then
     * stops. Other agents see this one as left, not failed.
     */
    CompletableFuture<Void> leave();

    /**
     * The datacenter's replicated ACL state: on a server, its Raft replica; on a client agent, the servers'
     * state, reached over the LAN pool.
     */
    AclReplication acl();

    /** The way to other datacenters: {@code ?dc=} forwarding, and where the primary is. */
    Datacenters datacenters();

    /**
     * The datacenter's ACL replication state as its leader reports it; {@link AclReplicationStatus#DISABLED} in the
     * primary or with ACLs off. Fails with {@link NoLeaderException} while no leader is known.
     */
    CompletableFuture<AclReplicationStatus> aclReplicationStatus();

    /** Leadership facts of the datacenter. */
    Leadership leadership();

    /** The LAN gossip port actually bound (useful when the config said 0). */
    int serfLanPort();

    /** The server port actually bound, or 0 on a client agent. */
    int serverPort();

    /** The faults injected into this agent's cluster messaging (for failure experiments in one JVM). */
    NetworkFaults faults();

    /** Stops everything this agent runs, without a graceful leave. */
    CompletableFuture<Void> stop();
}
