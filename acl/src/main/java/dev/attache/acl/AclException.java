package dev.attache.acl;

import java.util.Objects;

/**
 * A failed ACL operation, with Consul's message. The kind says how Consul answers it; the HTTP edge maps kinds to
 * statuses in one place and never looks at the text.
 */
public final class AclException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How Consul reports the failure. */
    public enum Kind {
        /** A server-side validation failure or refused operation: Consul answers 500 with the message. */
        INVALID,
        /** The message contains "ACL not found" (unknown or expired token): 403. */
        ACL_NOT_FOUND,
        /** A permission refusal that is not an authorizer check ("Permission denied: ..."): 403. */
        PERMISSION_DENIED,
        /** A real 404 ("Cannot find token to delete", "Requested policy does not exist: ACL not found"). */
        NOT_FOUND,
        /** ACLs are disabled where the operation ran (server-side "ACL support disabled"): 500. */
        DISABLED
    }

    private final Kind kind;

    public AclException(Kind kind, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public static AclException invalid(String message) {
        return new AclException(Kind.INVALID, message);
    }

    public static AclException aclNotFound(String message) {
        return new AclException(Kind.ACL_NOT_FOUND, message);
    }

    public static AclException notFound(String message) {
        return new AclException(Kind.NOT_FOUND, message);
    }

    public static AclException permissionDenied(String message) {
        return new AclException(Kind.PERMISSION_DENIED, message);
    }

    public Kind kind() {
        return kind;
    }
}
