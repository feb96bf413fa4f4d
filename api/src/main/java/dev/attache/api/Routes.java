package dev.attache.api;

import dev.attache.api.agent.AgentEndpoints;
import dev.attache.api.agent.MembershipEndpoints;

/**
 * Every endpoint of the HTTP API, one line each: method, path, the ACL required before the handler
 * runs, and the handler. A pattern ending in {@code /} is a prefix whose remainder is the path parameter.
 */
public final class Routes {
    private Routes() {
    }

    public static RouteTable table(AgentEndpoints agent, MembershipEndpoints pools) {
        return RouteTable.builder()
                .get("/v1/agent/version", Permission.none(), agent::version)
                .get("/v1/agent/self", Permission.agentRead(), agent::self)
                .getAsync("/v1/agent/host", Permission.operatorRead(), agent::host)
                .get("/v1/agent/members", Permission.none(), pools::members) // filtered by node:read
                .putAsync("/v1/agent/join/", Permission.agentWrite(), pools::join)
                .putAsync("/v1/agent/leave", Permission.agentWrite(), pools::leave)
                .putAsync("/v1/agent/force-leave/", Permission.operatorWrite(), pools::forceLeave)
                .build();
    }
}
