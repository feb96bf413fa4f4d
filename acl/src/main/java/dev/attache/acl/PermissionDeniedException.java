package dev.attache.acl;

/** A permission check failed. The message is Consul's text, built from the fields (consul-behavior.md §2.3). */
public final class PermissionDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient AclIdentity identity;
    private final Resource resource;
    private final AccessLevel level;
    private final String name;

    public PermissionDeniedException(AclIdentity identity, Resource resource, AccessLevel level, String name) {
        super(message(identity, resource, level, name), null, false, false);
        this.identity = identity;
        this.resource = resource;
        this.level = level;
        this.name = name;
    }

    public AclIdentity identity() {
        return identity;
    }

    public Resource resource() {
        return resource;
    }

    public AccessLevel level() {
        return level;
    }

    /** The resource name, or null for global resources. */
    public String name() {
        return name;
    }

    private static String message(AclIdentity identity, Resource resource, AccessLevel level, String name) {
        String who = identity.anonymous()
                ? "anonymous token"
                : "token with AccessorID '" + identity.accessorId() + "'";
        String what = " lacks permission '" + resource.word() + ":" + level.word() + "'";
        String on = name == null ? "" : " on \"" + name + "\"";
        String hint = identity.anonymous()
                ? ". The anonymous token is used implicitly when a request does not specify a token."
                : "";
        return "Permission denied: " + who + what + on + hint;
    }
}
