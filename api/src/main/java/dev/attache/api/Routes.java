package dev.attache.api;

import dev.attache.api.agent.AgentEndpoints;

/**
 * Every endpoint of the HTTP API, one line each: method, path, the ACL required before the handler
 * runs, and the handler. A pattern ending in {@code /} is a prefix whose remainder is the path parameter.
 */
public final class Routes {
    private Routes() {
    }

    public static RouteTable table(AgentEndpoints agent) {
        return RouteTable.builder()
                .get("/v1/agent/version", Permission.none(), agent::version)
                .get("/v1/agent/self", Permission.agentRead(), agent::self)
                .getAsync("/v1/agent/host", Permission.operatorRead(), agent::host)
                .get("/v1/agent/members", Permission.none(), agent::members) // filtered by node:read
                .build();
    }
}
