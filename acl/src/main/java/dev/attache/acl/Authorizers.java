package dev.attache.acl;

/** The fixed authorizers. */
public final class Authorizers {
    private static final Authorizer MANAGE_ALL = (resource, level, name) -> Decision.ALLOW;
    private static final Authorizer DENY_ALL = (resource, level, name) -> Decision.DENY;
    private static final Authorizer DEFAULT_ALLOW =
            (resource, level, name) -> resource == Resource.ACL ? Decision.DENY : Decision.ALLOW;

    private Authorizers() {
    }

    /** Allows everything: what every request gets while ACLs are disabled, as in Consul. */
    public static Authorizer manageAll() {
        return MANAGE_ALL;
    }

    /**
     * The end of every chain under {@code default_policy = allow}: allows everything but {@code acl:*}, which
     * always needs an explicit rule (consul-behavior.md §6.4).
     */
    public static Authorizer defaultAllow() {
        return DEFAULT_ALLOW;
    }

    /** Denies everything: the end of every chain under {@code default_policy = deny}. */
    public static Authorizer denyAll() {
        return DENY_ALL;
    }
}
