package dev.attache.acl;

import java.util.Objects;

/**
 * Who a request acts as once its token is resolved: the token's AccessorID (empty while ACLs are
 * disabled), whether it is the anonymous token, and what it may do.
 */
public record AclIdentity(String accessorId, boolean anonymous, Authorizer authorizer) {
    public static final String ANONYMOUS_ACCESSOR_ID = "00000000-0000-0000-0000-000000000002";

    private static final AclIdentity ACLS_DISABLED = new AclIdentity("", false, Authorizers.manageAll());

    public AclIdentity {
        Objects.requireNonNull(accessorId, "accessorId");
        Objects.requireNonNull(authorizer, "authorizer");
    }

    /** The identity of every request while ACLs are disabled: everything is allowed. */
    public static AclIdentity aclsDisabled() {
        return ACLS_DISABLED;
    }

    /**
     * Throws {@link PermissionDeniedException} unless the check is allowed.
     *
     * @param name the resource name for named resources, ignored (may be null) for global ones
     */
    public void require(Resource resource, AccessLevel level, String name) {
        if (!authorizer.allows(resource, level, name)) {
            throw new PermissionDeniedException(this, resource, level, resource.named() ? name : null);
        }
    }
}
