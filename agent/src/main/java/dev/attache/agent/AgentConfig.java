package dev.attache.agent;

import dev.attache.agent.config.GoDuration;
import dev.attache.api.HttpConfig;
import dev.attache.cluster.GossipConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An agent's whole configuration. Built by the loaders (files and flags) or by {@link #builder()} when
 * embedding; the compact constructor validates and fills defaults.
 *
 * @param nodeName          node name, unique in the datacenter (default: the host name)
 * @param nodeId            node ID (UUID); null to take the one persisted in the data directory, or a new one
 * @param datacenter        datacenter (default {@code dc1})
 * @param primaryDatacenter primary datacenter (default: {@code datacenter})
 * @param dataDir           data directory; null only in dev mode, which uses a temporary one
 * @param devMode           dev mode: a single in-memory-like server with fast gossip
 * @param server            server mode (a Raft voter)
 * @param bootstrapExpect   servers to wait for before the Raft group forms
 * @param bindAddress       address gossip and Raft bind to
 * @param clientAddress     address the HTTP API binds to
 * @param ports             the ports
 * @param retryJoin         LAN addresses to join at start
 * @param retryJoinWan      WAN addresses to join at start (servers)
 * @param logLevel          log level (trace, debug, info, warn, error)
 * @param nodeMeta          node metadata
 * @param gossipLan         LAN gossip timing
 * @param gossipWan         WAN gossip timing
 * @param leaveOnTerminate  leave gracefully on SIGTERM (default: true for clients, false for servers)
 * @param skipLeaveOnInterrupt stop without leaving on SIGINT (default: true for servers, false for clients)
 * @param maxRequestBodyBytes request bodies over this are answered with 413
 * @param responseHeaders   extra headers on every API response
 * @param acl               the ACL system's configuration
 * @param telemetry         the metrics' configuration (Consul's {@code telemetry} block)
 * @param timelineFile      where to append one JSON line per change of this agent's view of its pools; null for none
 */
public record AgentConfig(
        String nodeName,
        String nodeId,
        String datacenter,
        String primaryDatacenter,
        Path dataDir,
        boolean devMode,
        boolean server,
        int bootstrapExpect,
        String bindAddress,
        String clientAddress,
        Ports ports,
        List<String> retryJoin,
        List<String> retryJoinWan,
        String logLevel,
        Map<String, String> nodeMeta,
        GossipConfig gossipLan,
        GossipConfig gossipWan,
        Boolean leaveOnTerminate,
        Boolean skipLeaveOnInterrupt,
        int maxRequestBodyBytes,
        Map<String, String> responseHeaders,
        AclConfig acl,
        TelemetryConfig telemetry,
        Path timelineFile) {

    public static final String DEFAULT_DATACENTER = "dc1";
    public static final String DEFAULT_BIND = "0.0.0.0";
    public static final String DEFAULT_CLIENT = "127.0.0.1";
    public static final String DEFAULT_LOG_LEVEL = "info";
    static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "err", "error");

    /**
     * The agent's ports; 0 picks a free one at start.
     *
     * @param http    HTTP API (8500)
     * @param serfLan LAN gossip (8301)
     * @param serfWan WAN gossip (8302)
     * @param server  server RPC and Raft (8300)
     */
    public record Ports(int http, int serfLan, int serfWan, int server) {
        public static final Ports DEFAULTS = new Ports(8500, 8301, 8302, 8300);
        /** Every port picked free at start: for tests and many agents in one JVM. */
        public static final Ports EPHEMERAL = new Ports(0, 0, 0, 0);

        public Ports {
            for (int p : new int[] {http, serfLan, serfWan, server}) {
                if (p < 0 || p > 65535) {
                    throw new ConfigException("port out of range: " + p);
                }
            }
        }
    }

    public AgentConfig {
        nodeName = blankToNull(nodeName);
        if (nodeName == null) {
            nodeName = HostName.get();
        }
        if (!nodeName.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new ConfigException("Node name \"" + nodeName
                    + "\" is invalid: use only letters, digits, dashes, dots and underscores");
        }
        if (nodeId != null && !nodeId.matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new ConfigException("node_id must be a UUID: \"" + nodeId + "\"");
        }
        datacenter = blankToNull(datacenter) == null ? DEFAULT_DATACENTER : datacenter.toLowerCase(Locale.ROOT);
        if (!datacenter.matches("[a-z0-9_-]+")) {
            throw new ConfigException("datacenter cannot be \"" + datacenter
                    + "\". Please use only [a-z0-9-_]");
        }
        primaryDatacenter = blankToNull(primaryDatacenter) == null ? datacenter : primaryDatacenter;
        if (dataDir == null && !devMode) {
            throw new ConfigException("data_dir cannot be empty");
        }
        if (bootstrapExpect < 0) {
            throw new ConfigException("bootstrap_expect cannot be negative");
        }
        if (bootstrapExpect > 0 && !server) {
            throw new ConfigException("'bootstrap_expect > 0' requires 'server = true'");
        }
        bindAddress = blankToNull(bindAddress) == null ? DEFAULT_BIND : bindAddress;
        clientAddress = blankToNull(clientAddress) == null ? DEFAULT_CLIENT : clientAddress;
        ports = ports == null ? Ports.DEFAULTS : ports;
        retryJoin = retryJoin == null ? List.of() : List.copyOf(retryJoin);
        retryJoinWan = retryJoinWan == null ? List.of() : List.copyOf(retryJoinWan);
        if (!retryJoinWan.isEmpty() && !server) {
            throw new ConfigException("'retry_join_wan' requires 'server = true'");
        }
        logLevel = blankToNull(logLevel) == null ? DEFAULT_LOG_LEVEL : logLevel.toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new ConfigException("Invalid log level: " + logLevel);
        }
        nodeMeta = nodeMeta == null ? Map.of() : Map.copyOf(nodeMeta);
        gossipLan = gossipLan == null ? (devMode ? GossipConfig.DEV : GossipConfig.LAN_DEFAULTS) : gossipLan;
        gossipWan = gossipWan == null ? (devMode ? GossipConfig.DEV : GossipConfig.WAN_DEFAULTS) : gossipWan;
        leaveOnTerminate = leaveOnTerminate == null ? !server : leaveOnTerminate;
        skipLeaveOnInterrupt = skipLeaveOnInterrupt == null ? server : skipLeaveOnInterrupt;
        maxRequestBodyBytes = maxRequestBodyBytes == 0 ? HttpConfig.DEFAULT_MAX_REQUEST_BODY_BYTES : maxRequestBodyBytes;
        if (maxRequestBodyBytes < 0) {
            throw new ConfigException("http_config.max_request_body_bytes must be positive");
        }
        responseHeaders = responseHeaders == null ? Map.of() : Map.copyOf(responseHeaders);
        acl = acl == null ? AclConfig.DISABLED : acl;
        telemetry = telemetry == null ? TelemetryConfig.DEFAULTS : telemetry;
        timelineFile = timelineFile == null ? null : timelineFile.toAbsolutePath().normalize();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The configuration of {@code attache agent -dev}: a single server on loopback with a temporary data directory. */
    public static Builder dev() {
        return builder().devMode(true).server(true).bootstrapExpect(1)
                .bindAddress("127.0.0.1").clientAddress("127.0.0.1");
    }

    /** The sanitized runtime configuration {@code /v1/agent/self} shows as {@code DebugConfig}. */
    public Map<String, Object> debugView() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("NodeName", nodeName);
        m.put("NodeID", nodeId == null ? "" : nodeId);
        m.put("Datacenter", datacenter);
        m.put("PrimaryDatacenter", primaryDatacenter);
        m.put("DataDir", dataDir == null ? "" : dataDir.toString());
        m.put("DevMode", devMode);
        m.put("ServerMode", server);
        m.put("BootstrapExpect", bootstrapExpect);
        m.put("BindAddr", bindAddress);
        m.put("ClientAddrs", List.of(clientAddress));
        m.put("HTTPPort", ports.http());
        m.put("SerfPortLAN", ports.serfLan());
        m.put("SerfPortWAN", ports.serfWan());
        m.put("ServerPort", ports.server());
        m.put("RetryJoinLAN", retryJoin);
        m.put("RetryJoinWAN", retryJoinWan);
        m.put("LeaveOnTerm", leaveOnTerminate);
        m.put("SkipLeaveOnInt", skipLeaveOnInterrupt);
        m.put("LogLevel", logLevel.toUpperCase(Locale.ROOT));
        m.put("NodeMeta", nodeMeta);
        m.put("GossipLANConfig", gossipView(gossipLan));
        m.put("ReconnectTimeoutLAN", GoDuration.format(gossipLan.reconnectTimeout()));
        m.put("GossipWANConfig", gossipView(gossipWan));
        m.put("ReconnectTimeoutWAN", GoDuration.format(gossipWan.reconnectTimeout()));
        m.put("TombstoneTimeout", GoDuration.format(gossipLan.tombstoneTimeout()));
        m.put("HTTPMaxRequestBodyBytes", maxRequestBodyBytes);
        m.put("HTTPResponseHeaders", responseHeaders);
        m.put("ACLsEnabled", acl.enabled());
        m.put("ACLDefaultPolicy", acl.defaultPolicy().word());
        m.put("ACLDownPolicy", acl.downPolicy().word());
        m.put("ACLEnableTokenPersistence", acl.enableTokenPersistence());
        m.put("ACLTokenTTL", GoDuration.format(acl.tokenTtl()));
        m.put("ACLInitialManagementToken", acl.tokens().initialManagement().isEmpty() ? "" : "hidden");
        m.put("TimelineFile", timelineFile == null ? "" : timelineFile.toString());
        m.put("Telemetry", Map.of("MetricsPrefix", telemetry.metricsPrefix(),
                "DisableHostname", telemetry.disableHostname(),
                "PrometheusRetentionTime", GoDuration.format(telemetry.prometheusRetentionTime()),
                "PrefixFilter", telemetry.prefixFilter(), "FilterDefault", telemetry.filterDefault()));
        return m;
    }

    private static Map<String, Object> gossipView(GossipConfig g) {
        return Map.of(
                "ProbeInterval", GoDuration.format(g.probeInterval()),
                "ProbeTimeout", GoDuration.format(g.probeTimeout()),
                "SuspicionMult", g.suspicionMult(),
                "GossipInterval", GoDuration.format(g.gossipInterval()));
    }

    public AgentConfig withNodeId(String id) {
        return toBuilder().nodeId(id).build();
    }

    public AgentConfig withDataDir(Path dir) {
        return toBuilder().dataDir(dir).build();
    }

    /** A builder holding every value of this configuration. */
    public Builder toBuilder() {
        Builder b = builder().nodeName(nodeName).nodeId(nodeId).datacenter(datacenter)
                .primaryDatacenter(primaryDatacenter).dataDir(dataDir).devMode(devMode).server(server)
                .bootstrapExpect(bootstrapExpect).bindAddress(bindAddress).clientAddress(clientAddress).ports(ports)
                .logLevel(logLevel).gossipLan(gossipLan).gossipWan(gossipWan).leaveOnTerminate(leaveOnTerminate)
                .skipLeaveOnInterrupt(skipLeaveOnInterrupt).maxRequestBodyBytes(maxRequestBodyBytes).acl(acl)
                .telemetry(telemetry).timelineFile(timelineFile);
        retryJoin.forEach(b::retryJoin);
        retryJoinWan.forEach(b::retryJoinWan);
        nodeMeta.forEach(b::nodeMeta);
        responseHeaders.forEach(b::responseHeader);
        return b;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Fluent construction for embedding; {@link #build()} validates. */
    public static final class Builder {
        private String nodeName;
        private String nodeId;
        private String datacenter;
        private String primaryDatacenter;
        private Path dataDir;
        private boolean devMode;
        private boolean server;
        private int bootstrapExpect;
        private String bindAddress;
        private String clientAddress;
        private Ports ports = Ports.DEFAULTS;
        private final List<String> retryJoin = new ArrayList<>();
        private final List<String> retryJoinWan = new ArrayList<>();
        private GossipConfig gossipWan;
        private Boolean leaveOnTerminate;
        private Boolean skipLeaveOnInterrupt;
        private String logLevel;
        private final Map<String, String> nodeMeta = new LinkedHashMap<>();
        private GossipConfig gossipLan;
        private int maxRequestBodyBytes;
        private final Map<String, String> responseHeaders = new LinkedHashMap<>();
        private AclConfig acl;
        private TelemetryConfig telemetry;
        private Path timelineFile;

        private Builder() {
        }

        public Builder nodeName(String v) { nodeName = v; return this; }
        public Builder nodeId(String v) { nodeId = v; return this; }
        public Builder datacenter(String v) { datacenter = v; return this; }
        public Builder primaryDatacenter(String v) { primaryDatacenter = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder devMode(boolean v) { devMode = v; return this; }
        public Builder server(boolean v) { server = v; return this; }
        public Builder bootstrapExpect(int v) { bootstrapExpect = v; return this; }
        public Builder bindAddress(String v) { bindAddress = v; return this; }
        public Builder clientAddress(String v) { clientAddress = v; return this; }
        public Builder ports(Ports v) { ports = v; return this; }
        public Builder retryJoin(String address) { retryJoin.add(address); return this; }
        public Builder retryJoinWan(String address) { retryJoinWan.add(address); return this; }
        public Builder gossipWan(GossipConfig v) { gossipWan = v; return this; }
        public Builder leaveOnTerminate(Boolean v) { leaveOnTerminate = v; return this; }
        public Builder skipLeaveOnInterrupt(Boolean v) { skipLeaveOnInterrupt = v; return this; }
        public Builder logLevel(String v) { logLevel = v; return this; }
        public Builder nodeMeta(String key, String value) { nodeMeta.put(key, value); return this; }
        public Builder gossipLan(GossipConfig v) { gossipLan = v; return this; }
        public Builder maxRequestBodyBytes(int v) { maxRequestBodyBytes = v; return this; }
        public Builder responseHeader(String name, String value) { responseHeaders.put(name, value); return this; }
        public Builder acl(AclConfig v) { acl = v; return this; }
        public Builder telemetry(TelemetryConfig v) { telemetry = v; return this; }
        public Builder timelineFile(Path v) { timelineFile = v; return this; }

        public AgentConfig build() {
            return new AgentConfig(nodeName, nodeId, datacenter, primaryDatacenter, dataDir, devMode, server,
                    bootstrapExpect, bindAddress, clientAddress, ports, retryJoin, retryJoinWan, logLevel, nodeMeta,
                    gossipLan, gossipWan, leaveOnTerminate, skipLeaveOnInterrupt, maxRequestBodyBytes,
                    responseHeaders, acl, telemetry, timelineFile);
        }
    }
}
