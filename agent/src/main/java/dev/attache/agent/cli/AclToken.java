package dev.attache.agent.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A token as the Go client's {@code api.ACLToken}: what the token commands send and decode, and what
 * {@code -format=json} prints, in that struct's field order and with its {@code omitempty} rules
 * (consul-behavior.md §11.9). {@code ExpirationTTL} is in nanoseconds, as Go's {@code time.Duration}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AclToken(
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex,
        @JsonProperty("AccessorID") String accessorId,
        @JsonProperty("SecretID") String secretId,
        @JsonProperty("Description") String description,
        @JsonProperty("Policies") @JsonInclude(Include.NON_EMPTY) List<AclLink> policies,
        @JsonProperty("Roles") @JsonInclude(Include.NON_EMPTY) List<AclLink> roles,
        @JsonProperty("ServiceIdentities") @JsonInclude(Include.NON_EMPTY) List<AclServiceIdentity> serviceIdentities,
        @JsonProperty("NodeIdentities") @JsonInclude(Include.NON_EMPTY) List<AclNodeIdentity> nodeIdentities,
        @JsonProperty("TemplatedPolicies") @JsonInclude(Include.NON_EMPTY) List<AclTemplatedPolicy> templatedPolicies,
        @JsonProperty("Local") boolean local,
        @JsonProperty("AuthMethod") @JsonInclude(Include.NON_EMPTY) String authMethod,
        @JsonProperty("ExpirationTTL") @JsonInclude(Include.NON_DEFAULT) long expirationTtl,
        @JsonProperty("ExpirationTime") @JsonInclude(Include.NON_NULL) GoTime expirationTime,
        @JsonProperty("CreateTime") GoTime createTime,
        @JsonProperty("Hash") @JsonInclude(Include.NON_EMPTY) byte[] hash,
        @JsonProperty("Namespace") @JsonInclude(Include.NON_EMPTY) String namespace,
        @JsonProperty("Partition") @JsonInclude(Include.NON_EMPTY) String partition,
        @JsonProperty("AuthMethodNamespace") @JsonInclude(Include.NON_EMPTY) String authMethodNamespace)
        implements AclTokenFields {

    /** Go's zero value, what a JSON {@code null} decodes to. */
    static final AclToken EMPTY = builder().build();

    AclToken {
        accessorId = orEmpty(accessorId);
        secretId = orEmpty(secretId);
        description = orEmpty(description);
        policies = policies == null ? List.of() : List.copyOf(policies);
        roles = roles == null ? List.of() : List.copyOf(roles);
        serviceIdentities = serviceIdentities == null ? List.of() : List.copyOf(serviceIdentities);
        nodeIdentities = nodeIdentities == null ? List.of() : List.copyOf(nodeIdentities);
        templatedPolicies = templatedPolicies == null ? List.of() : List.copyOf(templatedPolicies);
        authMethod = orEmpty(authMethod);
        createTime = createTime == null ? GoTime.ZERO : createTime;
        namespace = orEmpty(namespace);
        partition = orEmpty(partition);
        authMethodNamespace = orEmpty(authMethodNamespace);
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static AclTokenBuilder builder() {
        return new AclTokenBuilder();
    }

    /** A builder holding this token's values, to change some of them. */
    AclTokenBuilder toBuilder() {
        return new AclTokenBuilder(this);
    }
}
