package dev.attache.acl.token;

import java.time.Instant;
import java.util.List;

/**
 * A stored ACL token, as the state machine keeps it. Links hold IDs (names are filled in on read). Absent strings
 * are empty and absent lists are empty, never null; {@code expirationTime} is null when the token never expires.
 *
 * @param hash        base64 (with padding) of the BLAKE2b-256 token hash (consul-behavior.md §5.4)
 * @param createIndex the Raft index of the write that created the token
 * @param modifyIndex the Raft index of the last write that changed it
 */
public record AclToken(String accessorId, String secretId, String description, List<PolicyLink> policies,
                       List<PolicyLink> roles, List<ServiceIdentity> serviceIdentities,
                       List<NodeIdentity> nodeIdentities, boolean local, String authMethod,
                       Instant expirationTime, Instant createTime, String hash, long createIndex,
                       long modifyIndex) {

    public static final String ANONYMOUS_ACCESSOR_ID = "00000000-0000-0000-0000-000000000002";
    public static final String ANONYMOUS_SECRET_ID = "anonymous";

    public AclToken {
        accessorId = nonNull(accessorId);
        secretId = nonNull(secretId);
        description = nonNull(description);
        policies = policies == null ? List.of() : List.copyOf(policies);
        roles = roles == null ? List.of() : List.copyOf(roles);
        serviceIdentities = serviceIdentities == null ? List.of() : List.copyOf(serviceIdentities);
        nodeIdentities = nodeIdentities == null ? List.of() : List.copyOf(nodeIdentities);
        authMethod = nonNull(authMethod);
        hash = nonNull(hash);
    }

    /**
     * True when the token has an expiration time strictly before {@code now} (Consul's {@code IsExpired}: a token
     * is still valid at its exact expiration instant).
     */
    public boolean expiredAt(Instant now) {
        return expirationTime != null && expirationTime.isBefore(now);
    }

    public boolean isAnonymous() {
        return ANONYMOUS_ACCESSOR_ID.equals(accessorId);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
