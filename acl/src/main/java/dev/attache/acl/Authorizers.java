package dev.attache.acl;

/**
 * The fixed authorizers, as Consul's static ones: {@code manageAll} (everything), {@code allowAll} (everything but
 * ACL management), {@code denyAll} (nothing). The default-policy authorizers that end every chain are named for
 * that role.
 */
public final class Authorizers {
    private static final Authorizer MANAGE_ALL = (resource, level, name) -> Decision.ALLOW;
    private static final Authorizer DENY_ALL = (resource, level, name) -> Decision.DENY;
    private static final Authorizer ALLOW_ALL =
            (resource, level, name) -> resource == Resource.ACL ? Decision.DENY : Decision.ALLOW;

    private Authorizers() {
    }

    /** Allows everything, ACL management included: what every request gets while ACLs are disabled, as in Consul. */
    public static Authorizer manageAll() {
        return MANAGE_ALL;
    }

    /**
     * Allows everything but {@code acl:read} / {@code acl:write}, as Consul's {@code acl.AllowAll()}: the
     * authorizer of {@code down_policy = allow}.
     */
    public static Authorizer allowAll() {
        return ALLOW_ALL;
    }

    /** Denies everything. */
    public static Authorizer denyAll() {
        return DENY_ALL;
    }

    /**
     * The end of every chain under {@code default_policy = allow}: allows everything but {@code acl:*}, which
     * always needs an explicit rule (consul-behavior.md §6.4, quirk Q14).
     */
    public static Authorizer defaultAllow() {
        return ALLOW_ALL;
    }

    /** The end of every chain under {@code default_policy = deny}: denies everything no rule allowed. */
    public static Authorizer defaultDeny() {
        return DENY_ALL;
    }
}
