package dev.attache.api.agent;

import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;

/** {@code GET /v1/agent/monitor} (consul-behavior.md §3.8): the agent's log lines, streamed as they are logged. */
public final class MonitorEndpoint {
    private final LogSource logs;

    public MonitorEndpoint(LogSource logs) {
        this.logs = logs;
    }

    /** {@code ?loglevel=} (default info) and {@code ?logjson} (its presence alone turns JSON on). */
    public ApiResponse monitor(ApiRequest req) {
        LogLevel level = LogLevel.parse(req.param("loglevel"));
        boolean json = req.flag("logjson");
        return ApiResponse.stream(logs.subscribe(level, json));
    }
}
