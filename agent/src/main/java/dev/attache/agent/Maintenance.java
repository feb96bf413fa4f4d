package dev.attache.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.api.ApiException;
import dev.attache.api.agent.CheckJson;
import dev.attache.api.agent.NodeMaintenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's maintenance mode (consul-behavior.md §3.6, §9.6): a critical {@code _node_maintenance} check, persisted
 * where Consul keeps it, {@code <data-dir>/checks/<sha256 of the check ID>}, as Consul's
 * {@code {"Check":…,"ChkType":null,"Token":…,"Source":"local"}}, written atomically (temp file + rename, mode 0600,
 * directory 0700), so the node is still in maintenance after a restart. Thread-safe.
 */
final class Maintenance implements NodeMaintenance {
    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);
    static final String DEFAULT_REASON =
            "Maintenance mode is enabled for this node, but no reason was provided. This is a default message.";
    static final String CHECKS_DIR = "checks";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The persisted form, Consul's {@code persistedCheck}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Persisted(@JsonProperty("Check") CheckJson check, @JsonProperty("ChkType") Object chkType,
                     @JsonProperty("Token") String token, @JsonProperty("Source") String source) {
    }

    private final String nodeName;
    private final Path file;
    private volatile CheckJson check;

    Maintenance(String nodeName, Path dataDir) {
        this.nodeName = nodeName;
        this.file = dataDir.resolve(CHECKS_DIR).resolve(fileName(CheckJson.NODE_MAINTENANCE_ID));
        this.check = restore();
    }

    /** Consul names a persisted check by the hex SHA-256 of its ID. */
    static String fileName(String checkId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(checkId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<CheckJson> check() {
        return Optional.ofNullable(check);
    }

    @Override
    public synchronized void enable(String reason, String token) {
        if (check != null) {
            return; // Consul keeps the first reason
        }
        CheckJson c = CheckJson.nodeMaintenance(nodeName, reason == null || reason.isEmpty() ? DEFAULT_REASON : reason);
        persist(new Persisted(c, null, token == null ? "" : token, "local"));
        check = c;
        log.info("{}: Node entered maintenance mode", nodeName);
    }

    @Override
    public synchronized void disable() {
        if (check == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.error("{}: cannot remove the persisted maintenance check {}: {}", nodeName, file, e.toString());
            throw ApiException.internal("failed removing persisted check: " + e.getMessage());
        }
        check = null;
        log.info("{}: Node left maintenance mode", nodeName);
    }

    private void persist(Persisted p) {
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                try {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
            }
            DataDir.writeAtomically(file, JSON.writeValueAsString(p));
        } catch (IOException e) {
            log.error("{}: cannot persist the maintenance check to {}: {}", nodeName, file, e.toString());
            throw ApiException.internal("failed persisting check: " + e.getMessage());
        }
    }

    /** The check persisted by an earlier run, for this node; none when absent or unreadable (logged). */
    private CheckJson restore() {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            Persisted p = JSON.readValue(file.toFile(), Persisted.class);
            if (p.check() == null) {
                throw new IOException("no Check in the file");
            }
            log.info("{}: node maintenance restored from {}", nodeName, file);
            return CheckJson.nodeMaintenance(nodeName, p.check().notes());
        } catch (IOException | RuntimeException e) {
            log.warn("{}: failed restoring the persisted maintenance check {}: {}", nodeName, file, e.toString());
            return null;
        }
    }
}
