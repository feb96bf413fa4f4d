package dev.attache.agent.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An entry of {@code GET /v1/acl/tokens} as the Go client's {@code api.ACLTokenListEntry}. It differs from
 * {@link AclToken} in what JSON shows: no {@code ExpirationTTL}, and {@code Hash} always written
 * ({@code null} when absent).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AclTokenListEntry(
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
        @JsonProperty("ExpirationTime") @JsonInclude(Include.NON_NULL) GoTime expirationTime,
        @JsonProperty("CreateTime") GoTime createTime,
        @JsonProperty("Hash") byte[] hash,
        @JsonProperty("Namespace") @JsonInclude(Include.NON_EMPTY) String namespace,
        @JsonProperty("Partition") @JsonInclude(Include.NON_EMPTY) String partition,
        @JsonProperty("AuthMethodNamespace") @JsonInclude(Include.NON_EMPTY) String authMethodNamespace)
        implements AclTokenFields {

    AclTokenListEntry {
        accessorId = AclToken.orEmpty(accessorId);
        secretId = AclToken.orEmpty(secretId);
        description = AclToken.orEmpty(description);
        policies = policies == null ? List.of() : List.copyOf(policies);
        roles = roles == null ? List.of() : List.copyOf(roles);
        serviceIdentities = serviceIdentities == null ? List.of() : List.copyOf(serviceIdentities);
        nodeIdentities = nodeIdentities == null ? List.of() : List.copyOf(nodeIdentities);
        templatedPolicies = templatedPolicies == null ? List.of() : List.copyOf(templatedPolicies);
        authMethod = AclToken.orEmpty(authMethod);
        createTime = createTime == null ? GoTime.ZERO : createTime;
        namespace = AclToken.orEmpty(namespace);
        partition = AclToken.orEmpty(partition);
        authMethodNamespace = AclToken.orEmpty(authMethodNamespace);
    }
}
