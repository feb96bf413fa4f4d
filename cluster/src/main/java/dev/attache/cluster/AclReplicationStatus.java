package dev.attache.cluster;

import java.time.Instant;

/**
 * The state of ACL replication in a datacenter, as its leader reports it ({@code GET /v1/acl/replication}).
 *
 * @param enabled              true in a secondary datacenter with ACLs enabled; false in the primary
 * @param running              true while the leader's replication loop runs
 * @param sourceDatacenter     the primary datacenter ("" when not enabled)
 * @param replicationType      {@code tokens} when global tokens are replicated as well as policies, else
 *                             {@code policies} ("" before the first round)
 * @param replicatedIndex      the primary's index of the policies last replicated
 * @param replicatedTokenIndex the primary's index of the tokens last replicated
 * @param lastSuccess          when a round last succeeded, or null
 * @param lastError            when a round last failed, or null
 * @param lastErrorMessage     why it failed ("" when it never did)
 */
public record AclReplicationStatus(boolean enabled, boolean running, String sourceDatacenter, String replicationType,
                                   long replicatedIndex, long replicatedTokenIndex, Instant lastSuccess,
                                   Instant lastError, String lastErrorMessage) {

    /** What the primary (or a datacenter without ACLs) reports. */
    public static final AclReplicationStatus DISABLED =
            new AclReplicationStatus(false, false, "", "", 0, 0, null, null, "");
}
