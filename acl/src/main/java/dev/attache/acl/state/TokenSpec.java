package dev.attache.acl.state;

import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The caller-supplied fields of a token create or update, after HTTP decoding and before any validation (the
 * state machine validates). Empty strings mean "not given"; {@code expirationTime} and {@code expirationTtl} are
 * null when not given; {@code secretIdGiven} and {@code accessorIdGiven} tell caller-chosen IDs from generated
 * ones (only caller-chosen IDs are validated for format and reserved prefixes, as Consul does).
 */
public record TokenSpec(String accessorId, boolean accessorIdGiven, String secretId, boolean secretIdGiven,
                        String description, List<PolicyLink> policies, List<PolicyLink> roles,
                        List<ServiceIdentity> serviceIdentities, List<NodeIdentity> nodeIdentities,
                        boolean local, Instant expirationTime, Duration expirationTtl) {
    public TokenSpec {
        accessorId = accessorId == null ? "" : accessorId;
        secretId = secretId == null ? "" : secretId;
        description = description == null ? "" : description;
        policies = policies == null ? List.of() : List.copyOf(policies);
        roles = roles == null ? List.of() : List.copyOf(roles);
        serviceIdentities = serviceIdentities == null ? List.of() : List.copyOf(serviceIdentities);
        nodeIdentities = nodeIdentities == null ? List.of() : List.copyOf(nodeIdentities);
    }
}
