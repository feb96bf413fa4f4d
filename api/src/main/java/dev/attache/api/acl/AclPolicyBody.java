package dev.attache.api.acl;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.attache.acl.state.PolicySpec;
import java.util.List;
import java.util.Objects;

/**
 * The body of a policy create or update: the fields of Consul's {@code ACLPolicy}, decoded strictly. {@code Hash}
 * and the indexes are accepted and ignored. Absent fields are null.
 */
public record AclPolicyBody(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Description") String description,
        @JsonProperty("Rules") String rules,
        @JsonProperty("Datacenters") List<String> datacenters,
        @JsonProperty("Hash") String hash,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    /** What a JSON {@code null} body decodes to. */
    static final AclPolicyBody EMPTY = new AclPolicyBody(null, null, null, null, null, null, 0, 0);

    String idOrEmpty() {
        return id == null ? "" : id;
    }

    PolicySpec toSpec() {
        return new PolicySpec(name, description, rules,
                datacenters == null ? List.of() : datacenters.stream().filter(Objects::nonNull).toList());
    }
}
