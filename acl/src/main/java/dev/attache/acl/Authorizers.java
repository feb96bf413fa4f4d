package dev.attache.acl;

/** The fixed authorizers. */
public final class Authorizers {
    private static final Authorizer MANAGE_ALL = (resource, level, name) -> Decision.ALLOW;
    private static final Authorizer DENY_ALL = (resource, level, name) -> Decision.DENY;

    private Authorizers() {
    }

    /** Allows everything: what every request gets while ACLs are disabled, as in Consul. */
    public static Authorizer manageAll() {
        return MANAGE_ALL;
    }

    /** Denies everything. */
    public static Authorizer denyAll() {
        return DENY_ALL;
    }
}
