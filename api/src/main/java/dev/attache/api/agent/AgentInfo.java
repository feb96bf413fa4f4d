package dev.attache.api.agent;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The agent facts the agent endpoints report.
 *
 * @param nodeName          this agent's node name
 * @param nodeId            its node ID (UUID)
 * @param datacenter        its datacenter
 * @param primaryDatacenter the primary datacenter (its own when unset)
 * @param server            true for a server agent
 * @param nodeMeta          {@code node_meta} at start (a reload passes the new one to {@link AgentEndpoints#nodeMetaChanged})
 * @param debugConfig       the sanitized runtime configuration ({@code DebugConfig}); secrets left out
 */
public record AgentInfo(String nodeName, String nodeId, String datacenter, String primaryDatacenter, boolean server,
                        Map<String, String> nodeMeta, Supplier<Map<String, Object>> debugConfig) {
    public AgentInfo {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(datacenter, "datacenter");
        Objects.requireNonNull(primaryDatacenter, "primaryDatacenter");
        nodeMeta = nodeMeta == null ? Map.of() : Map.copyOf(nodeMeta);
        Objects.requireNonNull(debugConfig, "debugConfig");
    }
}
