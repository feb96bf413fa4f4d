package dev.attache.cluster;

import java.util.function.Supplier;

/**
 * What the cluster needs of the ACL configuration.
 *
 * @param enabled                whether ACLs are on
 * @param initialManagementToken the {@code initial_management} secret the primary's leader creates a management
 *                               token from ("" for none)
 * @param primaryDatacenter      {@code primary_datacenter}: the datacenter that owns policies and global tokens ("" or
 *                               null: this agent's own)
 * @param tokenReplication       {@code acl.enable_token_replication}: with a replication token, a secondary accepts
 *                               Local tokens
 * @param replicationToken       the current replication token ({@code acl.tokens.replication}, or as set through
 *                               {@code /v1/agent/token/replication}); read at every replication round
 *
 * {@link #toString()} never shows a secret.
 */
public record AclSettings(boolean enabled, String initialManagementToken, String primaryDatacenter,
                          boolean tokenReplication, Supplier<String> replicationToken) {
    public static final AclSettings DISABLED = new AclSettings(false, "");

    public AclSettings {
        initialManagementToken = initialManagementToken == null ? "" : initialManagementToken;
        primaryDatacenter = primaryDatacenter == null ? "" : primaryDatacenter;
        replicationToken = replicationToken == null ? () -> "" : replicationToken;
    }

    /** A single-datacenter setting: this datacenter is the primary. */
    public AclSettings(boolean enabled, String initialManagementToken) {
        this(enabled, initialManagementToken, "", false, () -> "");
    }

    /** The primary datacenter for an agent of {@code localDatacenter}. */
    public String primaryFor(String localDatacenter) {
        return primaryDatacenter.isEmpty() ? localDatacenter : primaryDatacenter;
    }

    @Override
    public String toString() {
        return "AclSettings[enabled=" + enabled + ", initialManagementToken="
                + (initialManagementToken.isEmpty() ? "" : "<hidden>") + ", primaryDatacenter=" + primaryDatacenter
                + ", tokenReplication=" + tokenReplication + "]";
    }
}
