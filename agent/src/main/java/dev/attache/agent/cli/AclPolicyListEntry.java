package dev.attache.agent.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** An entry of {@code GET /v1/acl/policies}, as the Go client's {@code api.ACLPolicyListEntry} (no rules). */
@JsonIgnoreProperties(ignoreUnknown = true)
record AclPolicyListEntry(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Description") String description,
        @JsonProperty("Datacenters") List<String> datacenters,
        @JsonProperty("Hash") byte[] hash,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex,
        @JsonProperty("Namespace") @JsonInclude(Include.NON_EMPTY) String namespace,
        @JsonProperty("Partition") @JsonInclude(Include.NON_EMPTY) String partition) {

    AclPolicyListEntry {
        id = AclToken.orEmpty(id);
        name = AclToken.orEmpty(name);
        description = AclToken.orEmpty(description);
        datacenters = datacenters == null ? null : List.copyOf(datacenters);
        namespace = AclToken.orEmpty(namespace);
        partition = AclToken.orEmpty(partition);
    }
}
