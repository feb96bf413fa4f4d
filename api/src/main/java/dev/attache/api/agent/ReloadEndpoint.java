package dev.attache.api.agent;

import dev.attache.api.AgentControl;
import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** {@code PUT /v1/agent/reload} (consul-behavior.md §3.5): 200 and an empty body, or 500 with the reason. */
public final class ReloadEndpoint {
    private final AgentControl control;
    private final Executor blocking;

    /** @param blocking where the configuration files are read, off the event loop */
    public ReloadEndpoint(AgentControl control, Executor blocking) {
        this.control = control;
        this.blocking = blocking;
    }

    public CompletableFuture<ApiResponse> reload(ApiRequest req) {
        return CompletableFuture.supplyAsync(() -> {
            control.reload();
            return ApiResponse.empty();
        }, blocking);
    }
}
