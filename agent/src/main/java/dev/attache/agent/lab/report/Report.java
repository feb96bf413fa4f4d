package dev.attache.agent.lab.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The figures of a lab run, as {@code report.json} holds them and the text and HTML pages show them. */
public record Report(
        @JsonProperty("lab") String lab,
        @JsonProperty("overall") Overall overall,
        @JsonProperty("faults") List<FaultReport> faults,
        @JsonProperty("false_suspicions") List<FalseSuspicion> falseSuspicions,
        @JsonProperty("warnings") List<String> warnings) {
    public Report {
        faults = List.copyOf(faults);
        falseSuspicions = List.copyOf(falseSuspicions);
        warnings = List.copyOf(warnings);
    }

    /** The whole run: its span (first to last record or fault), who observed and who was observed. */
    public record Overall(
            @JsonProperty("mode") String mode,
            @JsonProperty("gossip") String gossip,
            @JsonProperty("start") String start,
            @JsonProperty("start_unix_ms") long startUnixMs,
            @JsonProperty("end_unix_ms") long endUnixMs,
            @JsonProperty("span_ms") long spanMs,
            @JsonProperty("nodes") int nodes,
            @JsonProperty("observers") List<String> observers,
            @JsonProperty("members") List<String> members,
            @JsonProperty("records") int records,
            @JsonProperty("faults") int faults,
            @JsonProperty("false_suspicions") int falseSuspicions) {
        public Overall {
            observers = List.copyOf(observers);
            members = List.copyOf(members);
        }
    }

    /**
     * What one fault did to the observers' views. {@code kind} is {@code detection} (kill, pause, partition: the
     * observations are the first {@code failed} after the fault), {@code recovery} (resume, restart, heal, up: the
     * first {@code alive}) or {@code none} (loss, down).
     */
    public record FaultReport(
            @JsonProperty("index") int index,
            @JsonProperty("action") String action,
            @JsonProperty("label") String label,
            @JsonProperty("time") String time,
            @JsonProperty("unix_ms") long unixMs,
            @JsonProperty("offset_ms") long offsetMs,
            @JsonProperty("nodes") List<String> nodes,
            @JsonProperty("kind") String kind,
            @JsonProperty("observations") List<Observation> observations,
            @JsonProperty("latency") List<PoolLatency> latency,
            @JsonProperty("missed") List<String> missed,
            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("convergence_ms") Long convergenceMs) {
        public static final String DETECTION = "detection";
        public static final String RECOVERY = "recovery";
        public static final String NONE = "none";

        public FaultReport {
            nodes = List.copyOf(nodes);
            observations = List.copyOf(observations);
            latency = List.copyOf(latency);
            missed = List.copyOf(missed);
        }
    }

    /** One observer's view of one member after a fault; {@code latency_ms} is null when it never saw the change. */
    public record Observation(
            @JsonProperty("observer") String observer,
            @JsonProperty("member") String member,
            @JsonProperty("pool") String pool,
            @JsonProperty("latency_ms") Long latencyMs,
            @JsonProperty("note") String note) {
    }

    /** Latency percentiles (nearest rank) over the observations of one pool; null where nothing was seen. */
    public record PoolLatency(
            @JsonProperty("pool") String pool,
            @JsonProperty("observations") int observations,
            @JsonProperty("seen") int seen,
            @JsonProperty("p50_ms") Long p50Ms,
            @JsonProperty("p90_ms") Long p90Ms,
            @JsonProperty("p99_ms") Long p99Ms,
            @JsonProperty("max_ms") Long maxMs) {
    }

    /**
     * An observer that saw a member suspect or failed while no fault acted on either of them or stood between them.
     * {@code count} counts episodes (a suspect that then turns failed is one); {@code flaps} those that came back
     * alive; {@code during} names a packet-loss fault in effect, if any.
     */
    public record FalseSuspicion(
            @JsonProperty("observer") String observer,
            @JsonProperty("member") String member,
            @JsonProperty("pool") String pool,
            @JsonProperty("count") int count,
            @JsonProperty("flaps") int flaps,
            @JsonProperty("times") List<String> times,
            @JsonProperty("unix_ms") List<Long> unixMs,
            @JsonProperty("during") List<String> during) {
        public FalseSuspicion {
            times = List.copyOf(times);
            unixMs = List.copyOf(unixMs);
            during = List.copyOf(during);
        }
    }
}
