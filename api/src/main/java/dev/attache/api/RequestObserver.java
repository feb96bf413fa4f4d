package dev.attache.api;

/**
 * Told of every routed request once its handler has answered (or failed): the agent's metrics time the API with it.
 * Called on the connection's event loop, so an implementation must be quick and must not block.
 */
@FunctionalInterface
public interface RequestObserver {
    /** Observes nothing. */
    RequestObserver NONE = (method, pattern, nanos) -> { };

    /**
     * @param method  the request's method
     * @param pattern the route pattern that served it ({@code /v1/acl/token/} for a prefix route)
     * @param nanos   from the request's arrival to its handler's answer
     */
    void routed(String method, String pattern, long nanos);
}
