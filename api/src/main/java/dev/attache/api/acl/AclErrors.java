package dev.attache.api.acl;

import dev.attache.acl.AclException;
import dev.attache.api.ApiException;
import dev.attache.api.ErrorTranslation;
import dev.attache.api.ErrorWithHeaders;

/** How ACL routes read their own failures (declared per route in {@code Routes}). */
public final class AclErrors {

    /**
     * ACL reads: a failure from the query on (the caller's token, the route's ACL, the lookup, the leader) carries
     * Consul's query meta of a failed read ({@code X-Consul-Index: 1}, {@code X-Consul-KnownLeader: false},
     * {@code X-Consul-LastContact: 0}, {@code X-Consul-Query-Backend: blocking-query}). The HTTP layer's own 4xx
     * answers (bad options, missing IDs, ACLs disabled, the policy 404) are written before the meta, as in Consul.
     */
    public static final ErrorTranslation QUERY_META = error -> error instanceof ApiException api && api.status() < 500
            ? error
            : ErrorWithHeaders.of(error, AclReads.FAILURE_META);

    /**
     * Token DELETE (consul-behavior.md §4.7, quirk Q3): every {@code ACL not found}, including one raised while
     * resolving the caller's own token, is answered as 404 {@code Cannot find token to delete}.
     */
    public static final ErrorTranslation TOKEN_DELETE = error ->
            error instanceof AclException acl && acl.kind() == AclException.Kind.ACL_NOT_FOUND
                    ? AclException.notFound(AclTokenEndpoints.CANNOT_FIND_TOKEN_TO_DELETE)
                    : error;

    private AclErrors() {
    }
}
