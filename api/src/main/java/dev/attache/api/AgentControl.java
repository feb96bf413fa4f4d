package dev.attache.api;

import java.util.concurrent.CompletableFuture;

/** What the HTTP API may ask of the agent that serves it, beyond its pools. */
public interface AgentControl {

    /** Leaves every pool gracefully; completes when the others have been told. The caller then stops the agent. */
    CompletableFuture<Void> leave();

    /** Stops the agent (after a leave, or on its own). */
    void shutdown();
}
