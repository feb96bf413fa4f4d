package dev.attache.api;

/**
 * A route's own reading of its failures, applied by the dispatcher to every failure of a routed request (token
 * resolution, the route's ACL check, the handler) before {@link ErrorMapper} maps it. It turns one domain error
 * into another, or attaches headers through {@link ErrorWithHeaders}; it never chooses a status. Consul's token
 * DELETE, which answers every {@code ACL not found} as 404 {@code Cannot find token to delete}, is one.
 */
@FunctionalInterface
public interface ErrorTranslation {

    /** @param error the failure, already unwrapped from {@code CompletionException} */
    Throwable translate(Throwable error);

    /** Leaves every error as it is. */
    static ErrorTranslation none() {
        return error -> error;
    }

    /** This translation, then {@code next} on its result. */
    default ErrorTranslation andThen(ErrorTranslation next) {
        return error -> next.translate(translate(error));
    }
}
