package dev.attache.api.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One local health check as {@code GET /v1/agent/checks} shows it (Consul's {@code HealthCheck}, Community Edition:
 * no namespace or partition). The agent has no services and no check runners, so {@code Definition} is always the
 * empty object and the indexes are 0, as Consul shows them for a check that was never synced.
 */
@JsonPropertyOrder({"Node", "CheckID", "Name", "Status", "Notes", "Output", "ServiceID", "ServiceName", "ServiceTags",
        "Type", "Interval", "Timeout", "ExposedPort", "Definition", "CreateIndex", "ModifyIndex"})
public record CheckJson(
        @JsonProperty("Node") String node,
        @JsonProperty("CheckID") String checkId,
        @JsonProperty("Name") String name,
        @JsonProperty("Status") String status,
        @JsonProperty("Notes") String notes,
        @JsonProperty("Output") String output,
        @JsonProperty("ServiceID") String serviceId,
        @JsonProperty("ServiceName") String serviceName,
        @JsonProperty("ServiceTags") List<String> serviceTags,
        @JsonProperty("Type") String type,
        @JsonProperty("Interval") String interval,
        @JsonProperty("Timeout") String timeout,
        @JsonProperty("ExposedPort") int exposedPort,
        @JsonProperty("Definition") Map<String, Object> definition,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    /** The ID of the node maintenance check. */
    public static final String NODE_MAINTENANCE_ID = "_node_maintenance";

    public CheckJson {
        Objects.requireNonNull(checkId, "checkId");
        node = Objects.requireNonNullElse(node, "");
        name = Objects.requireNonNullElse(name, "");
        status = Objects.requireNonNullElse(status, "");
        notes = Objects.requireNonNullElse(notes, "");
        output = Objects.requireNonNullElse(output, "");
        serviceId = Objects.requireNonNullElse(serviceId, "");
        serviceName = Objects.requireNonNullElse(serviceName, "");
        serviceTags = serviceTags == null ? List.of() : List.copyOf(serviceTags);
        type = Objects.requireNonNullElse(type, "");
        interval = Objects.requireNonNullElse(interval, "");
        timeout = Objects.requireNonNullElse(timeout, "");
        definition = definition == null ? Map.of() : Map.copyOf(definition);
    }

    /** The critical check that marks {@code node} as in maintenance (consul-behavior.md §3.6). */
    public static CheckJson nodeMaintenance(String node, String reason) {
        return new CheckJson(node, NODE_MAINTENANCE_ID, "Node Maintenance Mode", "critical", reason, "", "", "",
                List.of(), "maintenance", "", "", 0, Map.of(), 0, 0);
    }

    /** True for a check on the node itself rather than on one of its services. */
    public boolean isNodeCheck() {
        return serviceId.isEmpty();
    }
}
