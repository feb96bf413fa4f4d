package dev.attache.agent;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.api.ApiException;
import dev.attache.api.agent.AgentTokenKind;
import dev.attache.api.agent.AgentTokenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's own ACL tokens (consul-behavior.md §3.12, §9.5): the configured {@code acl.tokens}, replaced at
 * runtime through {@code PUT /v1/agent/token/<name>}. With {@code acl.enable_token_persistence} every change
 * rewrites {@value #FILE} in the data directory (temp file + rename, mode 0600) with the tokens set through the
 * API, and those override the configured values at the next start and at every reload. Thread-safe.
 */
public final class AgentTokens implements AgentTokenStore {
    private static final Logger log = LoggerFactory.getLogger(AgentTokens.class);
    static final String FILE = "acl-tokens.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String nodeName;
    private final Path file; // null: not persisted
    private final Map<AgentTokenKind, String> configured = new EnumMap<>(AgentTokenKind.class);
    private final Map<AgentTokenKind, String> fromApi = new EnumMap<>(AgentTokenKind.class);
    private final Map<AgentTokenKind, String> current = new EnumMap<>(AgentTokenKind.class);

    AgentTokens(String nodeName, AclConfig.Tokens tokens, boolean persist, Path dataDir) {
        this.nodeName = nodeName;
        this.file = persist ? dataDir.resolve(FILE) : null;
        apply(tokens);
    }

    /**
     * A reload: the configured tokens are {@code tokens} from now on. Tokens set through the API are dropped, except
     * the persisted ones, which are read again and still win over the configuration (consul-behavior.md §9.5).
     */
    synchronized void reload(AclConfig.Tokens tokens) {
        apply(tokens);
    }

    private void apply(AclConfig.Tokens tokens) {
        configured.put(AgentTokenKind.DEFAULT, tokens.defaultToken());
        configured.put(AgentTokenKind.AGENT, tokens.agent());
        configured.put(AgentTokenKind.AGENT_RECOVERY, tokens.agentRecovery());
        configured.put(AgentTokenKind.REPLICATION, tokens.replication());
        configured.put(AgentTokenKind.CONFIG_FILE_SERVICE_REGISTRATION, tokens.configFileServiceRegistration());
        configured.put(AgentTokenKind.DNS, tokens.dns());
        fromApi.clear();
        current.clear();
        current.putAll(configured);
        if (file != null) {
            load();
        }
    }

    /** The token of one kind now ("" for none). */
    public synchronized String get(AgentTokenKind kind) {
        return current.getOrDefault(kind, "");
    }

    /** A live view of one kind, for components that read it on every use. */
    public Supplier<String> supplier(AgentTokenKind kind) {
        return () -> get(kind);
    }

    @Override
    public synchronized void set(AgentTokenKind kind, String secret) {
        String value = secret == null ? "" : secret;
        if (value.isEmpty()) {
            fromApi.remove(kind);
            current.put(kind, "");
        } else {
            fromApi.put(kind, value);
            current.put(kind, value);
        }
        if (file != null) {
            save();
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        Map<String, String> stored;
        try {
            stored = JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() { });
        } catch (IOException | RuntimeException e) {
            log.warn("{}: unable to load persisted tokens from {}: {}", nodeName, file, e.toString());
            return;
        }
        stored.forEach((key, value) -> {
            String name = key.equals("agent_master") ? "agent_recovery" : key;
            AgentTokenKind.fromPath(name).filter(k -> k.key().equals(name)).ifPresent(kind -> {
                if (value == null || value.isEmpty()) {
                    return;
                }
                if (!configured.getOrDefault(kind, "").isEmpty()) {
                    log.warn("{}: \"{}\" token present in both the configuration and persisted token store, "
                            + "using the persisted token", nodeName, kind.key());
                }
                fromApi.put(kind, value);
                current.put(kind, value);
            });
        });
    }

    private void save() {
        Map<String, String> out = new LinkedHashMap<>();
        fromApi.forEach((k, v) -> out.put(k.key(), v));
        try {
            Files.createDirectories(file.getParent());
            DataDir.writeAtomically(file, JSON.writeValueAsString(out));
        } catch (IOException e) {
            log.error("{}: cannot persist the agent's ACL tokens to {}: {}", nodeName, file, e.toString());
            throw ApiException.internal("Failed to persist tokens - " + e.getMessage());
        }
    }
}
