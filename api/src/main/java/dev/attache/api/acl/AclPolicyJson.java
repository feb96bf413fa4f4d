package dev.attache.api.acl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.attache.acl.token.AclPolicy;
import java.util.List;

/** A policy as Consul answers it (consul-behavior.md §4.9): {@code Datacenters} omitted when empty. */
@JsonPropertyOrder({"ID", "Name", "Description", "Rules", "Datacenters", "Hash", "CreateIndex", "ModifyIndex"})
public record AclPolicyJson(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Description") String description,
        @JsonProperty("Rules") String rules,
        @JsonProperty("Datacenters") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> datacenters,
        @JsonProperty("Hash") String hash,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    public static AclPolicyJson from(AclPolicy p) {
        return new AclPolicyJson(p.id(), p.name(), p.description(), p.rules(), p.datacenters(), p.hash(),
                p.createIndex(), p.modifyIndex());
    }

    /** A {@code /v1/acl/policies} entry: no {@code Rules}, and {@code Datacenters} is {@code null} when empty. */
    @JsonPropertyOrder({"ID", "Name", "Description", "Datacenters", "Hash", "CreateIndex", "ModifyIndex"})
    public record Stub(
            @JsonProperty("ID") String id,
            @JsonProperty("Name") String name,
            @JsonProperty("Description") String description,
            @JsonProperty("Datacenters") List<String> datacenters,
            @JsonProperty("Hash") String hash,
            @JsonProperty("CreateIndex") long createIndex,
            @JsonProperty("ModifyIndex") long modifyIndex) {

        public static Stub from(AclPolicy p) {
            return new Stub(p.id(), p.name(), p.description(), p.datacenters().isEmpty() ? null : p.datacenters(),
                    p.hash(), p.createIndex(), p.modifyIndex());
        }
    }
}
