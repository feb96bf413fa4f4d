package dev.attache.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a configuration reload may change (consul-behavior.md §3.5). Consul reloads a documented list of options; of
 * those Attaché has {@code log_level}, {@code node_meta} and the agent's ACL tokens ({@code acl.tokens}, persisted
 * tokens still winning). Every other option keeps its running value until a restart, and a change to it is reported
 * (the agent logs it as a warning), as Consul does.
 */
final class Reloader {
    /** The options a reload cannot change: the key users write and how to read it from a configuration. */
    private record Fixed(String key, Function<AgentConfig, Object> value) {
    }

    private static final List<Fixed> FIXED = List.of(
            new Fixed("node_name", AgentConfig::nodeName),
            new Fixed("datacenter", AgentConfig::datacenter),
            new Fixed("primary_datacenter", AgentConfig::primaryDatacenter),
            new Fixed("server", AgentConfig::server),
            new Fixed("bootstrap_expect", AgentConfig::bootstrapExpect),
            new Fixed("bind_addr", AgentConfig::bindAddress),
            new Fixed("client_addr", AgentConfig::clientAddress),
            new Fixed("ports", AgentConfig::ports),
            new Fixed("retry_join", AgentConfig::retryJoin),
            new Fixed("retry_join_wan", AgentConfig::retryJoinWan),
            new Fixed("gossip_lan", AgentConfig::gossipLan),
            new Fixed("gossip_wan", AgentConfig::gossipWan),
            new Fixed("leave_on_terminate", AgentConfig::leaveOnTerminate),
            new Fixed("skip_leave_on_interrupt", AgentConfig::skipLeaveOnInterrupt),
            new Fixed("http_config.max_request_body_bytes", AgentConfig::maxRequestBodyBytes),
            new Fixed("http_config.response_headers", AgentConfig::responseHeaders),
            new Fixed("acl.enabled", c -> c.acl().enabled()),
            new Fixed("acl.default_policy", c -> c.acl().defaultPolicy()),
            new Fixed("acl.down_policy", c -> c.acl().downPolicy()),
            new Fixed("acl.enable_token_persistence", c -> c.acl().enableTokenPersistence()),
            new Fixed("acl.token_ttl", c -> c.acl().tokenTtl()),
            new Fixed("acl.tokens.initial_management", c -> c.acl().tokens().initialManagement()),
            new Fixed("telemetry", AgentConfig::telemetry),
            new Fixed("timeline_file", AgentConfig::timelineFile));

    /** The running configuration with the reloadable parts of the loaded one, and the changes left out. */
    record Outcome(AgentConfig config, List<String> ignored) {
    }

    private Reloader() {
    }

    /**
     * The configuration to run with after a reload: {@code running} with the log level, node metadata and ACL
     * tokens of {@code loaded}. {@code loaded} comes from the loaders, so its node ID and data directory may still be
     * unresolved: those are compared only when set.
     */
    static Outcome apply(AgentConfig running, AgentConfig loaded) {
        List<String> ignored = new ArrayList<>();
        for (Fixed f : FIXED) {
            if (!Objects.equals(f.value().apply(running), f.value().apply(loaded))) {
                ignored.add(f.key());
            }
        }
        if (loaded.nodeId() != null && !loaded.nodeId().equalsIgnoreCase(running.nodeId())) {
            ignored.add("node_id");
        }
        if (loaded.dataDir() != null && !absolute(loaded.dataDir()).equals(absolute(running.dataDir()))) {
            ignored.add("data_dir");
        }
        AclConfig acl = running.acl();
        AgentConfig next = new AgentConfig(running.nodeName(), running.nodeId(), running.datacenter(),
                running.primaryDatacenter(), running.dataDir(), running.devMode(), running.server(),
                running.bootstrapExpect(), running.bindAddress(), running.clientAddress(), running.ports(),
                running.retryJoin(), running.retryJoinWan(), loaded.logLevel(), loaded.nodeMeta(),
                running.gossipLan(), running.gossipWan(), running.leaveOnTerminate(), running.skipLeaveOnInterrupt(),
                running.maxRequestBodyBytes(), running.responseHeaders(),
                new AclConfig(acl.enabled(), acl.defaultPolicy(), acl.downPolicy(), acl.enableTokenPersistence(),
                        acl.tokenTtl(), withInitialManagement(loaded.acl().tokens(), acl.tokens()),
                        acl.enableTokenReplication()),
                running.telemetry(), running.timelineFile());
        return new Outcome(next, List.copyOf(ignored));
    }

    /** The loaded tokens, but the initial management token the agent started with (used once, at bootstrap). */
    private static AclConfig.Tokens withInitialManagement(AclConfig.Tokens loaded, AclConfig.Tokens running) {
        return new AclConfig.Tokens(running.initialManagement(), loaded.defaultToken(), loaded.agent(),
                loaded.agentRecovery(), loaded.replication(), loaded.configFileServiceRegistration(), loaded.dns());
    }

    private static Path absolute(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }
}
