package dev.attache.agent.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of {@code GET /v1/agent/members} as the CLI reads it (consul-behavior.md §10.1): the fields the
 * tables print. Other fields are ignored, as the Go client ignores them. Tags are kept sorted by key.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AgentMember(
        @JsonProperty("Name") String name,
        @JsonProperty("Addr") String addr,
        @JsonProperty("Port") int port,
        @JsonProperty("Tags") Map<String, String> tags,
        @JsonProperty("Status") int status) {

    AgentMember {
        name = name == null ? "" : name;
        addr = addr == null ? "" : addr;
        TreeMap<String, String> sorted = new TreeMap<>();
        if (tags != null) {
            tags.forEach((k, v) -> sorted.put(k, v == null ? "" : v));
        }
        tags = java.util.Collections.unmodifiableSortedMap(sorted);
    }

    /** The tag's value, or the empty string when absent (a Go map read). */
    String tag(String key) {
        return tags.getOrDefault(key, "");
    }

    /** A copy with one tag set. */
    AgentMember withTag(String key, String value) {
        Map<String, String> t = new TreeMap<>(tags);
        t.put(key, value);
        return new AgentMember(name, addr, port, t, status);
    }
}
