package dev.attache.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the cluster module needs to run one agent's pools and, on a server, its Raft group.
 *
 * @param nodeName        this agent's node name, unique in its datacenter
 * @param nodeId          this agent's node ID (a UUID string)
 * @param datacenter      this agent's datacenter
 * @param bindAddress     the address gossip and Raft bind to (an IP literal)
 * @param serfLanPort     LAN gossip port; 0 picks a free one
 * @param serfWanPort     WAN gossip port (servers only); 0 picks a free one
 * @param serverPort      Raft / server RPC port (servers only); 0 picks a free one
 * @param server          true for a server agent (a Raft voter)
 * @param bootstrapExpect servers to wait for before the datacenter's Raft group forms (1 for a dev agent)
 * @param retryJoin       LAN addresses to join at start, retried until one answers
 * @param retryJoinWan    WAN addresses to join at start (servers only), retried until one answers
 * @param dataDir         the agent's data directory; Raft keeps its files under {@code raft/}
 * @param gossipLan       LAN pool timing
 * @param gossipWan       WAN pool timing
 * @param tags            Consul member tags this agent publishes (role, dc, id, port, vsn, build, ...)
 * @param acl             ACL settings (servers initialize the datacenter's ACL state when they lead)
 */
public record ClusterConfig(
        String nodeName,
        String nodeId,
        String datacenter,
        String bindAddress,
        int serfLanPort,
        int serfWanPort,
        int serverPort,
        boolean server,
        int bootstrapExpect,
        List<String> retryJoin,
        List<String> retryJoinWan,
        Path dataDir,
        GossipConfig gossipLan,
        GossipConfig gossipWan,
        Map<String, String> tags,
        AclSettings acl) {

    /** A config with ACLs disabled. */
    public ClusterConfig(String nodeName, String nodeId, String datacenter, String bindAddress, int serfLanPort,
                         int serfWanPort, int serverPort, boolean server, int bootstrapExpect, List<String> retryJoin,
                         List<String> retryJoinWan, Path dataDir, GossipConfig gossipLan, GossipConfig gossipWan,
                         Map<String, String> tags) {
        this(nodeName, nodeId, datacenter, bindAddress, serfLanPort, serfWanPort, serverPort, server, bootstrapExpect,
                retryJoin, retryJoinWan, dataDir, gossipLan, gossipWan, tags, AclSettings.DISABLED);
    }

    public ClusterConfig {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(datacenter, "datacenter");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        retryJoin = retryJoin == null ? List.of() : List.copyOf(retryJoin);
        retryJoinWan = retryJoinWan == null ? List.of() : List.copyOf(retryJoinWan);
        gossipLan = gossipLan == null ? GossipConfig.LAN_DEFAULTS : gossipLan;
        gossipWan = gossipWan == null ? GossipConfig.WAN_DEFAULTS : gossipWan;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        acl = acl == null ? AclSettings.DISABLED : acl;
        if (server && bootstrapExpect < 0) {
            throw new IllegalArgumentException("bootstrap_expect must not be negative");
        }
    }
}
