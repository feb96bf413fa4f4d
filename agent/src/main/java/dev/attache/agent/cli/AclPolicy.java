package dev.attache.agent.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A policy as the Go client's {@code api.ACLPolicy}: the body the policy commands send and what
 * {@code -format=json} prints. {@code Datacenters} and {@code Hash} have no {@code omitempty}, so absent ones
 * stay {@code null} (and print as {@code null}), as a nil Go slice does.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AclPolicy(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Description") String description,
        @JsonProperty("Rules") String rules,
        @JsonProperty("Datacenters") List<String> datacenters,
        @JsonProperty("Hash") byte[] hash,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex,
        @JsonProperty("Namespace") @JsonInclude(Include.NON_EMPTY) String namespace,
        @JsonProperty("Partition") @JsonInclude(Include.NON_EMPTY) String partition) {

    /** Go's zero value, what a JSON {@code null} decodes to, and what a missing policy shows as in expanded reads. */
    static final AclPolicy EMPTY = new AclPolicy("", "", "", "", null, null, 0, 0, "", "");

    AclPolicy {
        id = AclToken.orEmpty(id);
        name = AclToken.orEmpty(name);
        description = AclToken.orEmpty(description);
        rules = AclToken.orEmpty(rules);
        datacenters = datacenters == null ? null : List.copyOf(datacenters);
        namespace = AclToken.orEmpty(namespace);
        partition = AclToken.orEmpty(partition);
    }

    /** The body of a create or an update: what the Go client sends for these fields, the rest zero. */
    static AclPolicy request(String id, String name, String description, String rules, List<String> datacenters) {
        return new AclPolicy(id, name, description, rules, datacenters, null, 0, 0, "", "");
    }
}
