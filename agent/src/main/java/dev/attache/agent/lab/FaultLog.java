package dev.attache.agent.lab;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** A lab's {@code faults.jsonl}: one line per action the lab command took. */
public final class FaultLog {
    public static final String FILE = "faults.jsonl";
    static final DateTimeFormatter RFC3339_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One action.
     *
     * @param action  {@code up}, {@code kill}, {@code pause}, {@code resume}, {@code restart}, {@code partition},
     *                {@code heal}, {@code loss} or {@code down}
     * @param nodes   the nodes it acted on
     * @param groups  the partition's groups (partition only)
     * @param percent the packet loss (loss only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"time", "unix_ms", "action", "nodes", "groups", "percent"})
    public record Fault(@JsonProperty("time") String time, @JsonProperty("unix_ms") long unixMs,
                        @JsonProperty("action") String action, @JsonProperty("nodes") List<String> nodes,
                        @JsonProperty("groups") List<List<String>> groups, @JsonProperty("percent") Double percent) {
        public static Fault at(Instant at, String action, List<String> nodes, List<List<String>> groups,
                               Double percent) {
            return new Fault(RFC3339_MILLIS.format(at), at.toEpochMilli(), action, List.copyOf(nodes),
                    groups == null ? null : groups.stream().map(List::copyOf).toList(), percent);
        }
    }

    private FaultLog() {
    }

    /** Appends one line to {@code dir/faults.jsonl}. */
    public static void append(Path dir, Fault fault) {
        try {
            Files.writeString(dir.resolve(FILE), JSON.writeValueAsString(fault) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + dir.resolve(FILE), e);
        }
    }
}
