package dev.attache.cluster;

/**
 * What the cluster needs of the ACL configuration: whether ACLs are on, and the {@code initial_management}
 * secret the leader creates a management token from ("" for none). {@link #toString()} never shows the secret.
 */
public record AclSettings(boolean enabled, String initialManagementToken) {
    public static final AclSettings DISABLED = new AclSettings(false, "");

    public AclSettings {
        initialManagementToken = initialManagementToken == null ? "" : initialManagementToken;
    }

    @Override
    public String toString() {
        return "AclSettings[enabled=" + enabled + ", initialManagementToken="
                + (initialManagementToken.isEmpty() ? "" : "<hidden>") + "]";
    }
}
