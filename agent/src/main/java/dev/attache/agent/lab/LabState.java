package dev.attache.agent.lab;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lab's {@code lab.json}: how it runs and its agents.
 *
 * @param mode    {@code process}: one agent process each
 * @param created when {@code lab up} made it, RFC 3339 UTC
 * @param gossip  {@code fast} or {@code lan} (Consul's LAN timing)
 * @param netns   true when each agent runs in its own network namespace
 * @param nodes   the agents, servers first in each datacenter
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"mode", "created", "gossip", "netns", "nodes"})
public record LabState(
        @JsonProperty("mode") String mode,
        @JsonProperty("created") String created,
        @JsonProperty("gossip") String gossip,
        @JsonProperty("netns") boolean netns,
        @JsonProperty("nodes") List<LabNode> nodes) {

    public static final String FILE = "lab.json";
    public static final String PROCESS = "process";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public LabState {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** The node called {@code name}, or a one-line error naming the nodes there are. */
    public LabNode node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> LabException.error("no node " + name + " in this lab (nodes: "
                        + String.join(", ", nodes.stream().map(LabNode::name).toList()) + ")"));
    }

    /** This state with {@code node} in place of the node of the same name. */
    public LabState with(LabNode node) {
        List<LabNode> next = new ArrayList<>();
        for (LabNode n : nodes) {
            next.add(n.name().equals(node.name()) ? node : n);
        }
        return new LabState(mode, created, gossip, netns, next);
    }

    public LabState withNodes(List<LabNode> next) {
        return new LabState(mode, created, gossip, netns, next);
    }

    /** Reads {@code dir/lab.json}; empty when there is none. A file that is not a lab is a one-line error. */
    public static Optional<LabState> read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(file), LabState.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            throw LabException.error(file + " is not a lab file: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw LabException.error("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Reads {@code dir/lab.json}, or fails with "no lab in DIR". */
    public static LabState require(Path dir) {
        return read(dir).orElseThrow(() -> LabException.error("no lab in " + dir
                + " (start one with 'attache lab up', or name its directory with --dir)"));
    }

    /** Writes {@code dir/lab.json} atomically (temp file and rename). */
    public void write(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            Path tmp = Files.createTempFile(dir, ".lab-", ".json.tmp");
            Files.write(tmp, JSON.writeValueAsBytes(this));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
