package dev.attache.api.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.attache.api.BuildInfo;

/** The body of {@code GET /v1/agent/version}. */
@JsonPropertyOrder({"SHA", "BuildDate", "HumanVersion", "FIPS"})
public record VersionJson(
        @JsonProperty("SHA") String sha,
        @JsonProperty("BuildDate") String buildDate,
        @JsonProperty("HumanVersion") String humanVersion,
        @JsonProperty("FIPS") String fips) {

    public static VersionJson from(BuildInfo b) {
        return new VersionJson(b.revision(), b.buildDate(), b.humanVersion(), "");
    }
}
