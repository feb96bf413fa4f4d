package dev.attache.api.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON of {@code GET /v1/agent/metrics}: one interval of Consul's in-memory sink.
 *
 * @param timestamp the interval's start, in Go's {@code time.String} form ({@code 2017-08-08 02:55:10 +0000 UTC})
 */
@JsonPropertyOrder({"Timestamp", "Gauges", "Points", "Counters", "Samples"})
public record MetricsSummaryJson(
        @JsonProperty("Timestamp") String timestamp,
        @JsonProperty("Gauges") List<Gauge> gauges,
        @JsonProperty("Points") List<Points> points,
        @JsonProperty("Counters") List<Sampled> counters,
        @JsonProperty("Samples") List<Sampled> samples) {

    /** Labels sorted by name, as Go writes a map. */
    static Map<String, String> sortedCopy(Map<String, String> labels) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    public MetricsSummaryJson {
        gauges = List.copyOf(gauges);
        points = List.copyOf(points);
        counters = List.copyOf(counters);
        samples = List.copyOf(samples);
    }

    /** A gauge's last value in the interval; {@code value} is a Long when integral, so it prints as Consul's does. */
    @JsonPropertyOrder({"Name", "Value", "Labels"})
    public record Gauge(@JsonProperty("Name") String name, @JsonProperty("Value") Number value,
                        @JsonProperty("Labels") Map<String, String> labels) {
        public Gauge {
            labels = sortedCopy(labels);
        }
    }

    /** Values recorded one by one (Consul's {@code AddSample} points); Attaché records none of its own. */
    @JsonPropertyOrder({"Name", "Points"})
    public record Points(@JsonProperty("Name") String name, @JsonProperty("Points") List<Double> points) {
        public Points {
            points = List.copyOf(points);
        }
    }

    /**
     * An aggregate of the values a counter was incremented by, or a timer measured (in milliseconds), in the
     * interval. {@code rate} is {@code sum} per second of the interval.
     */
    @JsonPropertyOrder({"Name", "Count", "Rate", "Sum", "Min", "Max", "Mean", "Stddev", "Labels"})
    public record Sampled(@JsonProperty("Name") String name, @JsonProperty("Count") long count,
                          @JsonProperty("Rate") double rate, @JsonProperty("Sum") double sum,
                          @JsonProperty("Min") double min, @JsonProperty("Max") double max,
                          @JsonProperty("Mean") double mean, @JsonProperty("Stddev") double stddev,
                          @JsonProperty("Labels") Map<String, String> labels) {
        public Sampled {
            labels = sortedCopy(labels);
        }
    }
}
