package dev.attache.acl.state;

import java.time.Instant;

/**
 * A write to the ACL state, replicated through Raft and applied by {@link AclStateMachine#apply}. Commands are
 * deterministic: everything random or time-dependent (generated IDs, {@code now}) is chosen by the proposer and
 * carried in the command, so every replica computes the same result.
 */
public sealed interface AclCommand {

    /**
     * Run by the leader when it takes office: creates the builtin policies and the anonymous token if they are
     * missing, and, when {@code initialManagementSecret} is non-empty and no token has that secret, the initial
     * management token (which counts as the bootstrap).
     */
    record Initialize(Instant now, String initialManagementAccessor, String initialManagementSecret)
            implements AclCommand {
    }

    /**
     * {@code PUT /v1/acl/bootstrap}; {@code resetIndex} is -1 unless a reset file gave one (any value up to 0
     * means none). {@code secretIdGiven} marks a caller's {@code BootstrapSecret}, which must be an unused UUID.
     */
    record Bootstrap(Instant now, String accessorId, String secretId, boolean secretIdGiven, long resetIndex)
            implements AclCommand {
    }

    record TokenCreate(Instant now, TokenSpec spec) implements AclCommand {
    }

    /** {@code accessorId} is the URL's; the spec's own accessor (if any) was checked against it at the edge. */
    record TokenUpdate(Instant now, String accessorId, TokenSpec spec) implements AclCommand {
    }

    /** {@code description} replaces the source's only when non-empty. */
    record TokenClone(Instant now, String sourceAccessorId, String newAccessorId, String newSecretId,
                      String description) implements AclCommand {
    }

    /** {@code callerAccessorId} is the accessor of the token that authorized the request ("" if none). */
    record TokenDelete(String accessorId, String callerAccessorId) implements AclCommand {
    }

    /** {@code id} is chosen by the proposer: a fresh UUID outside the reserved prefix. */
    record PolicyCreate(String id, PolicySpec spec) implements AclCommand {
    }

    record PolicyUpdate(String id, PolicySpec spec) implements AclCommand {
    }

    record PolicyDelete(String id) implements AclCommand {
    }

    /**
     * Removes every token expired at {@code now}; the leader proposes it periodically. With {@code localOnly} it
     * removes only Local tokens: a secondary datacenter's leader reaps its own Local tokens and leaves the global
     * ones to the primary, whose deletes arrive through {@link Replicate}. Encoded commands from before the field
     * existed decode as {@code localOnly = false}.
     */
    record ReapExpired(Instant now, boolean localOnly) implements AclCommand {
        /** Reaps every expired token (the primary's, or a datacenter without replication). */
        public ReapExpired(Instant now) {
            this(now, false);
        }
    }

    /**
     * Applied in a secondary datacenter: brings its policies and global tokens in line with the primary's
     * {@link ReplicationBatch}, giving changed entries this datacenter's Raft indexes. Local tokens are never
     * touched. Applying the same batch twice changes nothing the second time.
     */
    record Replicate(ReplicationBatch batch) implements AclCommand {
    }
}
