package dev.attache.api;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.Resource;

/**
 * The ACL a route requires before its handler runs: a resource and level, and whose name is checked.
 * {@link #none()} means no route check (a handler that filters its results by the caller's identity);
 * {@link #noToken()} means the token is not even resolved (version, bootstrap, token self).
 */
public record Permission(Resource resource, AccessLevel level, Scope scope) {

    /** Which name a named resource is checked against. */
    public enum Scope {
        /** No check; the token is still resolved, for handlers that filter by identity. */
        NONE,
        /** No check and no token resolution: the handler never looks at the identity. */
        NO_TOKEN,
        /** The agent's own node name (agent:read, node:write on the local node). */
        LOCAL_NODE,
        /** A global resource (acl, operator): no name. */
        GLOBAL
    }

    private static final Permission NONE = new Permission(null, null, Scope.NONE);
    private static final Permission NO_TOKEN = new Permission(null, null, Scope.NO_TOKEN);

    public static Permission none() {
        return NONE;
    }

    /**
     * No check, and the request's token is not resolved at all: an unknown or expired token does not fail the
     * request. For endpoints Consul serves without looking at the caller (version, bootstrap, token self).
     */
    public static Permission noToken() {
        return NO_TOKEN;
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
        if (scope == Scope.NO_TOKEN) {
            return "none(no token)";
        }
        return scope == Scope.NONE ? "none" : resource.word() + ":" + level.word()
                + (scope == Scope.LOCAL_NODE ? "(self)" : "");
    }
}
