package dev.attache.api;

import dev.attache.acl.AclException;
import dev.attache.acl.PermissionDeniedException;
import dev.attache.cluster.BroadcastTimeoutException;
import dev.attache.cluster.JoinException;
import dev.attache.cluster.NoLeaderException;
import dev.attache.cluster.UnknownMemberException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a throwable into a status and a plain-text body. Branches on types only.
 */
public final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);
    static final String GENERIC_500 = "An unexpected error occurred";

    private ErrorMapper() {
    }

    /** Maps {@code error} to the {@link ApiException} the client sees; logs unexpected errors with their stack. */
    public static ApiException map(Throwable error, String redactedRequest) {
        Throwable e = unwrap(error);
        if (e instanceof ErrorWithHeaders withHeaders) {
            return map(withHeaders.getCause(), redactedRequest).withHeaders(withHeaders.headers());
        }
        if (e instanceof ApiException api) {
            return api.getMessage() == null || (api.getMessage().isEmpty() && api.status() >= 400)
                    ? new ApiException(api.status(), GENERIC_500).withHeaders(api.headers())
                    : api;
        }
        if (e instanceof PermissionDeniedException) {
            return ApiException.forbidden(e.getMessage());
        }
        if (e instanceof AclException acl) {
            return switch (acl.kind()) {
                case ACL_NOT_FOUND, PERMISSION_DENIED -> ApiException.forbidden(acl.getMessage());
                case NOT_FOUND -> ApiException.notFound(acl.getMessage());
                case INVALID, DISABLED -> ApiException.internal(acl.getMessage());
            };
        }
        if (e instanceof NoLeaderException) {
            return ApiException.internal(NoLeaderException.MESSAGE);
        }
        if (e instanceof dev.attache.cluster.NoPathToDatacenterException) {
            return ApiException.internal(dev.attache.cluster.NoPathToDatacenterException.MESSAGE);
        }
        if (e instanceof java.util.concurrent.TimeoutException) {
            return ApiException.internal("rpc error: timeout waiting for the other datacenter's answer");
        }
        if (e instanceof JoinException || e instanceof UnknownMemberException
                || e instanceof BroadcastTimeoutException) {
            return ApiException.internal(e.getMessage());
        }
        log.error("{}: unexpected error", redactedRequest, e);
        return ApiException.internal(GENERIC_500);
    }

    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
