package dev.attache.api.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import dev.attache.api.json.Prerendered;

/**
 * The body of {@code GET /v1/agent/self} (consul-behavior.md §3.4). The parts that do not change between
 * requests are {@link Prerendered}: {@code Config}, {@code DebugConfig}, {@code Coord}, {@code Meta}, and the
 * local member until its entry changes.
 */
@JsonPropertyOrder({"Config", "DebugConfig", "Coord", "Member", "Stats", "Meta"})
public record SelfJson(
        @JsonProperty("Config") Prerendered config,
        @JsonProperty("DebugConfig") Prerendered debugConfig,
        @JsonProperty("Coord") Prerendered coord,
        @JsonProperty("Member") Prerendered member,
        @JsonProperty("Stats") Map<String, Object> stats,
        @JsonProperty("Meta") Prerendered meta) {

    @JsonPropertyOrder({"Datacenter", "PrimaryDatacenter", "NodeName", "NodeID", "Revision", "Server", "Version",
            "BuildDate"})
    public record Config(
            @JsonProperty("Datacenter") String datacenter,
            @JsonProperty("PrimaryDatacenter") String primaryDatacenter,
            @JsonProperty("NodeName") String nodeName,
            @JsonProperty("NodeID") String nodeId,
            @JsonProperty("Revision") String revision,
            @JsonProperty("Server") boolean server,
            @JsonProperty("Version") String version,
            @JsonProperty("BuildDate") String buildDate) {
    }

    /**
     * A network coordinate. The agent does not estimate round-trip times, so it reports the coordinate a
     * fresh Consul node starts from: the origin, Vivaldi's initial error (1.5) and minimum height (1e-5).
     */
    @JsonPropertyOrder({"Vec", "Error", "Adjustment", "Height"})
    public record Coord(
            @JsonProperty("Vec") List<Double> vec,
            @JsonProperty("Error") double error,
            @JsonProperty("Adjustment") double adjustment,
            @JsonProperty("Height") double height) {
        public static final Coord ORIGIN = new Coord(List.of(0d, 0d, 0d, 0d, 0d, 0d, 0d, 0d), 1.5, 0, 1.0e-5);
    }
}
