package dev.attache.api;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.Resource;

/**
 * The ACL a route requires before its handler runs: a resource and level, and whose name is checked.
 * {@link #none()} means no check at all (version, bootstrap, or a handler that filters its results).
 */
public record Permission(Resource resource, AccessLevel level, Scope scope) {

    /** Which name a named resource is checked against. */
    public enum Scope {
        /** No check. */
        NONE,
        /** The agent's own node name (agent:read, node:write on the local node). */
        LOCAL_NODE,
        /** A global resource (acl, operator): no name. */
        GLOBAL
    }

    private static final Permission NONE = new Permission(null, null, Scope.NONE);

    public static Permission none() {
        return NONE;
    }

    public static Permission agentRead() {
        return new Permission(Resource.AGENT, AccessLevel.READ, Scope.LOCAL_NODE);
    }

    public static Permission agentWrite() {
        return new Permission(Resource.AGENT, AccessLevel.WRITE, Scope.LOCAL_NODE);
    }

    public static Permission nodeWrite() {
        return new Permission(Resource.NODE, AccessLevel.WRITE, Scope.LOCAL_NODE);
    }

    public static Permission operatorRead() {
        return new Permission(Resource.OPERATOR, AccessLevel.READ, Scope.GLOBAL);
    }

    public static Permission operatorWrite() {
        return new Permission(Resource.OPERATOR, AccessLevel.WRITE, Scope.GLOBAL);
    }

    public static Permission aclRead() {
        return new Permission(Resource.ACL, AccessLevel.READ, Scope.GLOBAL);
    }

    public static Permission aclWrite() {
        return new Permission(Resource.ACL, AccessLevel.WRITE, Scope.GLOBAL);
    }

    @Override
    public String toString() {
        return scope == Scope.NONE ? "none" : resource.word() + ":" + level.word()
                + (scope == Scope.LOCAL_NODE ? "(self)" : "");
    }
}
