package dev.attache.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The agent's data directory: a temporary one in dev mode (removed at stop), else the configured one. */
final class DataDir {
    private static final Logger log = LoggerFactory.getLogger(DataDir.class);
    static final String NODE_ID_FILE = "node-id";

    private final Path path;
    private final boolean temporary;

    private DataDir(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    static DataDir open(AgentConfig config) {
        try {
            if (config.dataDir() == null) {
                return new DataDir(Files.createTempDirectory("attache-dev-" + config.nodeName() + "-"), true);
            }
            Path dir = config.dataDir().toAbsolutePath();
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new ConfigException("data_dir " + dir + " is not writable");
            }
            return new DataDir(dir, false);
        } catch (IOException e) {
            throw new ConfigException("cannot create data_dir: " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    /** The configured node ID, else the one persisted here, else a new one (persisted). */
    String nodeId(String configured) {
        if (configured != null) {
            return configured.toLowerCase(java.util.Locale.ROOT);
        }
        Path file = path.resolve(NODE_ID_FILE);
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                try {
                    return UUID.fromString(id).toString();
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("node ID in " + file + " is not a UUID: \"" + id + "\"");
                }
            }
            String id = UUID.randomUUID().toString();
            writeAtomically(file, id);
            return id;
        } catch (IOException e) {
            throw new ConfigException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a file by temp file + rename, mode 0600. */
    static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes a temporary directory; a configured one stays. */
    void release() {
        if (!temporary) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot remove temporary data dir {}: {}", path, e.toString());
        }
    }
}
