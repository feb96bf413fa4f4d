package dev.attache.agent.config;

import dev.attache.agent.AclConfig;
import dev.attache.agent.AgentConfig;
import dev.attache.agent.ConfigException;
import dev.attache.agent.TelemetryConfig;
import dev.attache.cluster.GossipConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the merged key/value tree (Consul's config key names) into an {@link AgentConfig}. */
final class ConfigBinder {
    private static final Set<String> TOP = Set.of("node_name", "node_id", "datacenter", "primary_datacenter",
            "data_dir", "server", "bootstrap_expect", "bootstrap", "bind_addr", "client_addr", "ports", "retry_join",
            "log_level", "node_meta", "gossip_lan", "gossip_wan", "reconnect_timeout", "reconnect_timeout_wan",
            "tombstone_timeout", "retry_join_wan", "leave_on_terminate", "skip_leave_on_interrupt", "http_config", "acl",
            "telemetry", "timeline_file");

    private final Map<String, Object> root;
    private final List<String> warnings;

    private ConfigBinder(Map<String, Object> root, List<String> warnings) {
        this.root = root;
        this.warnings = warnings;
    }

    static AgentConfig bind(Map<String, Object> merged, boolean dev, List<String> warnings) {
        return new ConfigBinder(merged, warnings).bind(dev);
    }

    private AgentConfig bind(boolean dev) {
        root.keySet().stream().filter(k -> !TOP.contains(k)).sorted()
                .forEach(k -> warnings.add("config key \"" + k + "\" is not supported by this agent; ignored"));
        Map<String, Object> ports = object(root, "ports", Set.of("http", "serf_lan", "serf_wan", "server", "dns",
                "grpc", "grpc_tls", "https"));
        AgentConfig.Ports defaults = AgentConfig.Ports.DEFAULTS;
        int expect = integer(root, "bootstrap_expect", 0);
        if (bool(root, "bootstrap", false) && expect == 0) {
            expect = 1;
        }
        String dataDir = string(root, "data_dir", null);
        AgentConfig.Builder b = AgentConfig.builder()
                .devMode(dev)
                .nodeName(string(root, "node_name", null))
                .nodeId(string(root, "node_id", null))
                .datacenter(string(root, "datacenter", null))
                .primaryDatacenter(string(root, "primary_datacenter", null))
                .dataDir(dataDir == null || dataDir.isEmpty() ? null : Path.of(dataDir))
                .server(bool(root, "server", false))
                .bootstrapExpect(expect)
                .bindAddress(string(root, "bind_addr", null))
                .clientAddress(string(root, "client_addr", null))
                .ports(new AgentConfig.Ports(
                        integer(ports, "ports.http", "http", defaults.http()),
                        integer(ports, "ports.serf_lan", "serf_lan", defaults.serfLan()),
                        integer(ports, "ports.serf_wan", "serf_wan", defaults.serfWan()),
                        integer(ports, "ports.server", "server", defaults.server())))
                .logLevel(string(root, "log_level", null))
                .gossipLan(gossip("gossip_lan", "reconnect_timeout", dev ? GossipConfig.DEV : GossipConfig.LAN_DEFAULTS))
                .gossipWan(gossip("gossip_wan", "reconnect_timeout_wan", dev ? GossipConfig.DEV : GossipConfig.WAN_DEFAULTS))
                .leaveOnTerminate(root.containsKey("leave_on_terminate") ? bool(root, "leave_on_terminate", false) : null)
                .skipLeaveOnInterrupt(root.containsKey("skip_leave_on_interrupt")
                        ? bool(root, "skip_leave_on_interrupt", false) : null);
        for (String a : strings(root, "retry_join")) {
            b.retryJoin(a);
        }
        for (String a : strings(root, "retry_join_wan")) {
            b.retryJoinWan(a);
        }
        Map<String, Object> meta = object(root, "node_meta", null);
        meta.forEach((k, v) -> b.nodeMeta(k, scalar("node_meta." + k, v)));
        Map<String, Object> http = object(root, "http_config", Set.of("response_headers", "max_request_body_bytes"));
        b.maxRequestBodyBytes(integer(http, "http_config.max_request_body_bytes", "max_request_body_bytes", 0));
        object(http, "response_headers", null).forEach((k, v) -> b.responseHeader(k, scalar("response_headers." + k, v)));
        b.acl(acl());
        b.telemetry(telemetry());
        String timeline = string(root, "timeline_file", null);
        b.timelineFile(timeline == null || timeline.isEmpty() ? null : Path.of(timeline));
        return b.build();
    }

    /** Consul's {@code telemetry} block: the keys the agent's metrics use. */
    private TelemetryConfig telemetry() {
        Map<String, Object> t = object(root, "telemetry", Set.of("metrics_prefix", "disable_hostname",
                "prometheus_retention_time", "prefix_filter", "filter_default"));
        Object retention = t.get("prometheus_retention_time");
        return new TelemetryConfig(string(t, "metrics_prefix", null), bool(t, "disable_hostname", false),
                retention == null ? Duration.ZERO
                        : GoDuration.parse(String.valueOf(retention), "telemetry.prometheus_retention_time"),
                strings(t, "prefix_filter"), bool(t, "filter_default", true));
    }

    /** Consul's {@code acl} block, legacy token names included ({@code master}, {@code agent_master}). */
    private AclConfig acl() {
        Map<String, Object> acl = object(root, "acl", Set.of("enabled", "default_policy", "down_policy",
                "enable_token_persistence", "token_ttl", "policy_ttl", "role_ttl", "tokens",
                "enable_key_list_policy", "enable_token_replication"));
        Map<String, Object> tokens = object(acl, "tokens", Set.of("initial_management", "master", "default", "agent",
                "agent_recovery", "agent_master", "replication", "config_file_service_registration", "dns"));
        Map<String, Object> t = new LinkedHashMap<>();
        tokens.forEach((k, v) -> t.put(k, v));
        AclConfig.Tokens configured = new AclConfig.Tokens(
                first(t, "acl.tokens", "initial_management", "master"),
                first(t, "acl.tokens", "default"),
                first(t, "acl.tokens", "agent"),
                first(t, "acl.tokens", "agent_recovery", "agent_master"),
                first(t, "acl.tokens", "replication"),
                first(t, "acl.tokens", "config_file_service_registration"),
                first(t, "acl.tokens", "dns"));
        String dflt = string(acl, "default_policy", null);
        String down = string(acl, "down_policy", null);
        return new AclConfig(bool(acl, "enabled", false),
                dflt == null ? null : AclConfig.parseDefaultPolicy(dflt),
                down == null ? null : AclConfig.parseDownPolicy(down),
                bool(acl, "enable_token_persistence", false),
                duration(acl, "acl", "token_ttl", AclConfig.DEFAULT_TOKEN_TTL),
                configured, bool(acl, "enable_token_replication", false));
    }

    private static String first(Map<String, Object> m, String parent, String... keys) {
        for (String k : keys) {
            String v = string(m, k, null);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    /** One pool's timing: Consul's {@code gossip_lan}/{@code gossip_wan} object, its reconnect timeout, and Attaché's {@code tombstone_timeout}. */
    private GossipConfig gossip(String key, String reconnectKey, GossipConfig base) {
        Map<String, Object> g = object(root, key, Set.of("probe_interval", "probe_timeout", "suspicion_mult",
                "gossip_interval", "gossip_nodes", "retransmit_mult"));
        Duration probeInterval = duration(g, key, "probe_interval", base.probeInterval());
        Duration probeTimeout = duration(g, key, "probe_timeout", base.probeTimeout());
        int suspicionMult = integer(g, key + ".suspicion_mult", "suspicion_mult", base.suspicionMult());
        Duration gossipInterval = duration(g, key, "gossip_interval", base.gossipInterval());
        Duration reconnectTimeout = duration(root, "", reconnectKey, base.reconnectTimeout());
        Duration tombstoneTimeout = duration(root, "", "tombstone_timeout", base.tombstoneTimeout());
        int retransmitMult = integer(g, key + ".retransmit_mult", "retransmit_mult", base.retransmitMult());
        int gossipNodes = integer(g, key + ".gossip_nodes", "gossip_nodes", base.gossipNodes());
        try {
            return new GossipConfig(probeInterval, probeTimeout, suspicionMult, gossipInterval, reconnectTimeout,
                    tombstoneTimeout, retransmitMult, gossipNodes);
        } catch (IllegalArgumentException e) {   // a count below its minimum, named by the record
            throw new ConfigException(key + "." + e.getMessage());
        }
    }

    private Duration duration(Map<String, Object> m, String parent, String key, Duration dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        String full = parent.isEmpty() ? key : parent + "." + key;
        Duration d = GoDuration.parse(String.valueOf(v), full);
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(full + " must be positive");
        }
        return d;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Map<String, Object> parent, String key, Set<String> known) {
        Object v = parent.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new ConfigException(key + ": expected an object");
        }
        Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) m);
        if (known != null) {
            map.keySet().stream().filter(k -> !known.contains(k)).sorted()
                    .forEach(k -> warnings.add("config key \"" + key + "." + k + "\" is not supported by this agent; ignored"));
        }
        return map;
    }

    private static String string(Map<String, Object> m, String key, String dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof String s)) {
            throw new ConfigException(key + ": expected a string, got " + describe(v));
        }
        return s;
    }

    private static String scalar(String key, Object v) {
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        throw new ConfigException(key + ": expected a string, got " + describe(v));
    }

    private static boolean bool(Map<String, Object> m, String key, boolean dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean b)) {
            throw new ConfigException(key + ": expected a boolean, got " + describe(v));
        }
        return b;
    }

    private static int integer(Map<String, Object> m, String key, int dflt) {
        return integer(m, key, key, dflt);
    }

    private static int integer(Map<String, Object> m, String fullKey, String key, int dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Integer i)) {
            throw new ConfigException(fullKey + ": expected an integer, got " + describe(v));
        }
        return i;
    }

    private static List<String> strings(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                out.add(scalar(key, o));
            }
            return out;
        }
        throw new ConfigException(key + ": expected a list of strings, got " + describe(v));
    }

    private static String describe(Object v) {
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        return v instanceof String ? "a string" : v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
