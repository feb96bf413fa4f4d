package dev.attache.api;

import java.util.concurrent.CompletableFuture;

/** What the HTTP API may ask of the agent that serves it, beyond its pools. */
public interface AgentControl {

    /** Leaves every pool gracefully; completes when the others have been told. The caller then stops the agent. */
    CompletableFuture<Void> leave();

    /** Stops the agent (after a leave, or on its own). */
    void shutdown();

    /**
     * Reads the configuration again and applies what may change while running (consul-behavior.md §3.5). When the
     * new configuration is invalid, throws {@link ApiException} (500) with the reason and changes nothing.
     */
    default void reload() {
        throw ApiException.internal("this agent cannot reload its configuration");
    }
}
