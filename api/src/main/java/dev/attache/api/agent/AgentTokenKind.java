package dev.attache.api.agent;

import java.util.List;
import java.util.Optional;

/**
 * The agent's own ACL tokens, as {@code PUT /v1/agent/token/<name>} names them, legacy aliases included
 * (consul-behavior.md §3.12). {@link #key()} is also the token's key in the persisted token file.
 */
public enum AgentTokenKind {
    DEFAULT("default", "acl_token"),
    AGENT("agent", "acl_agent_token"),
    AGENT_RECOVERY("agent_recovery", "agent_master", "acl_agent_master_token"),
    REPLICATION("replication", "acl_replication_token"),
    CONFIG_FILE_SERVICE_REGISTRATION("config_file_service_registration"),
    DNS("dns", "dns_token");

    private final List<String> names;

    AgentTokenKind(String... names) {
        this.names = List.of(names);
    }

    /** The current name ({@code agent_recovery}). */
    public String key() {
        return names.get(0);
    }

    /** The kind a path segment names, current or legacy. */
    public static Optional<AgentTokenKind> fromPath(String name) {
        for (AgentTokenKind k : values()) {
            if (k.names.contains(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
