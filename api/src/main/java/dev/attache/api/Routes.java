package dev.attache.api;

import dev.attache.api.acl.AclBootstrapEndpoint;
import dev.attache.api.acl.AclErrors;
import dev.attache.api.acl.AclPolicyEndpoints;
import dev.attache.api.acl.AclReplicationEndpoints;
import dev.attache.api.acl.AclTokenEndpoints;
import dev.attache.api.agent.AgentEndpoints;
import dev.attache.api.agent.AgentTokenEndpoints;
import dev.attache.api.agent.MaintenanceEndpoints;
import dev.attache.api.agent.MembershipEndpoints;
import dev.attache.api.agent.MetricsEndpoints;
import dev.attache.api.agent.MonitorEndpoint;
import dev.attache.api.agent.ReloadEndpoint;

/**
 * Every endpoint of the HTTP API, one line each: method, path, the ACL required before the handler
 * runs, the handler, and (where a route reads its own failures) its error translation. A pattern ending in
 * {@code /} is a prefix whose remainder is the path parameter.
 */
public final class Routes {
    private Routes() {
    }

    public static RouteTable table(AgentEndpoints agent, MembershipEndpoints pools, AclBootstrapEndpoint bootstrap,
                                   AclTokenEndpoints tokens, AclPolicyEndpoints policies,
                                   AgentTokenEndpoints agentTokens, ReloadEndpoint reload,
                                   MaintenanceEndpoints maintenance, MonitorEndpoint monitor,
                                   MetricsEndpoints metrics, AclReplicationEndpoints replication) {
        return RouteTable.builder()
                .get("/v1/agent/version", Permission.noToken(), agent::version)
                .get("/v1/agent/self", Permission.agentRead(), agent::self)
                .getAsync("/v1/agent/host", Permission.operatorRead(), agent::host)
                .get("/v1/agent/members", Permission.none(), pools::members) // filtered by node:read
                .putAsync("/v1/agent/join/", Permission.agentWrite(), pools::join)
                .putAsync("/v1/agent/leave", Permission.agentWrite(), pools::leave)
                .putAsync("/v1/agent/force-leave/", Permission.operatorWrite(), pools::forceLeave)
                .put("/v1/agent/token/", Permission.agentWrite(), agentTokens::update)
                .putAsync("/v1/agent/reload", Permission.agentWrite(), reload::reload)
                .putAsync("/v1/agent/maintenance", Permission.noToken(), maintenance::maintenance) // node:write after `enable`
                .get("/v1/agent/checks", Permission.none(), maintenance::checks) // filtered by node:read
                .get("/v1/agent/monitor", Permission.agentRead(), monitor::monitor) // streaming
                .get("/v1/agent/metrics", Permission.agentRead(), metrics::metrics)

                .putAsync("/v1/acl/bootstrap", Permission.noToken(), bootstrap::bootstrap) // never forwarded
                .datacenterScoped(tokens::checkEnabled, acl -> acl // ?dc= is served by that datacenter
                        .putAsync("/v1/acl/token", Permission.aclWrite(), tokens::tokenCreate)
                        .getAsync("/v1/acl/token/self", Permission.noToken(), tokens::tokenSelf, AclErrors.QUERY_META)
                        .getAsync("/v1/acl/token/", Permission.aclRead(), tokens::tokenRead, AclErrors.QUERY_META)
                        .putAsync("/v1/acl/token/", Permission.aclWrite(), tokens::tokenUpdate) // and <id>/clone
                        .deleteAsync("/v1/acl/token/", Permission.aclWrite(), tokens::tokenDelete,
                                AclErrors.TOKEN_DELETE)
                        .getAsync("/v1/acl/tokens", Permission.aclRead(), tokens::tokenList, AclErrors.QUERY_META)
                        .putAsync("/v1/acl/policy", Permission.aclWrite(), policies::policyCreate)
                        .getAsync("/v1/acl/policy/", Permission.aclRead(), policies::policyRead,
                                AclErrors.QUERY_META)
                        .putAsync("/v1/acl/policy/", Permission.aclWrite(), policies::policyUpdate)
                        .deleteAsync("/v1/acl/policy/", Permission.aclWrite(), policies::policyDelete)
                        .getAsync("/v1/acl/policy/name/", Permission.aclRead(), policies::policyReadByName,
                                AclErrors.QUERY_META)
                        .getAsync("/v1/acl/policies", Permission.aclRead(), policies::policyList,
                                AclErrors.QUERY_META)
                        .getAsync("/v1/acl/replication", Permission.noToken(), replication::status)
                        // what a secondary's replication reads from the primary (Consul: ACL.TokenList and friends)
                        .getAsync("/v1/internal/acl/replicate", Permission.aclWrite(), replication::source))
                .build();
    }
}
