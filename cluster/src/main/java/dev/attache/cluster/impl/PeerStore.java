package dev.attache.cluster.impl;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The datacenter's Raft voters as this server first chose them, in {@code <data-dir>/raft/peers.json}, so that a
 * restart forms the same static Atomix Raft group at once instead of waiting for discovery.
 * Written atomically (temp file + rename).
 */
final class PeerStore {

    /** One Raft voter: its node name and server (Raft) address {@code ip:port}. */
    record Peer(@JsonProperty("Name") String name, @JsonProperty("Address") String address) {
    }

    private record PeersFile(@JsonProperty("Peers") List<Peer> peers) {
        PeersFile {
            peers = peers == null ? List.of() : List.copyOf(peers);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    PeerStore(Path raftDir) {
        this.file = raftDir.resolve("peers.json");
    }

    Path file() {
        return file;
    }

    Optional<List<Peer>> load() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<Peer> peers = JSON.readValue(file.toFile(), PeersFile.class).peers();
        return peers.isEmpty() ? Optional.empty() : Optional.of(peers);
    }

    void save(List<Peer> peers) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), new PeersFile(peers));
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
