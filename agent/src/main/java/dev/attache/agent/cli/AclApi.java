package dev.attache.agent.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ACL calls of Consul's Go API client ({@code client.ACL()} and the agent-token updates), over
 * {@link AgentClient}: the same paths, bodies and checks, so that the commands fail as Consul's do.
 * With {@code -datacenter}, every request carries {@code ?dc=}.
 */
final class AclApi {
    private record BootstrapRequest(@JsonProperty("BootstrapSecret") String bootstrapSecret) {
    }

    private record CloneRequest(@JsonProperty("Description") String description) {
    }

    private record AgentTokenRequest(@JsonProperty("Token") String token) {
    }

    private final AgentClient client;
    private final Map<String, String> query;

    AclApi(AgentClient client, String datacenter) {
        this.client = client;
        this.query = datacenter.isEmpty() ? Map.of() : Map.of("dc", datacenter);
    }

    /** {@code PUT /v1/acl/bootstrap}, with {@code {"BootstrapSecret":...}} only when a secret is given. */
    AclToken bootstrap(String secret) throws AgentClient.RequestException {
        String body = secret.isEmpty()
                ? client.put("/v1/acl/bootstrap", query, null)
                : client.put("/v1/acl/bootstrap", query, GoJson.encode(new BootstrapRequest(secret)));
        return token(body);
    }

    AclToken tokenCreate(AclToken token) throws AgentClient.RequestException {
        return token(client.put("/v1/acl/token", query, GoJson.encode(token)));
    }

    AclToken tokenUpdate(AclToken token) throws AgentClient.RequestException {
        if (token.accessorId().isEmpty()) {
            throw new AgentClient.RequestException("Must specify an AccessorID for Token Updating");
        }
        return token(client.put("/v1/acl/token/" + token.accessorId(), query, GoJson.encode(token)));
    }

    AclToken tokenClone(String accessorId, String description) throws AgentClient.RequestException {
        if (accessorId.isEmpty()) {
            throw new AgentClient.RequestException("Must specify a token AccessorID for Token Cloning");
        }
        return token(client.put("/v1/acl/token/" + accessorId + "/clone", query,
                GoJson.encode(new CloneRequest(description))));
    }

    void tokenDelete(String accessorId) throws AgentClient.RequestException {
        client.delete("/v1/acl/token/" + accessorId, query);
    }

    AclToken tokenRead(String accessorId) throws AgentClient.RequestException {
        return token(client.get("/v1/acl/token/" + accessorId, query));
    }

    /** {@code GET /v1/acl/token/<id>?expanded=true}: one body, decoded as the token and as its expansion. */
    AclTokenExpanded tokenReadExpanded(String accessorId) throws AgentClient.RequestException {
        Map<String, String> expanded = new java.util.HashMap<>(query);
        expanded.put("expanded", "true");
        String body = client.get("/v1/acl/token/" + accessorId, expanded);
        AclTokenExpanded.Expansion e = GoJson.decode(body, AclTokenExpanded.Expansion.class);
        return new AclTokenExpanded(e == null ? AclTokenExpanded.Expansion.EMPTY : e, token(body));
    }

    /** {@code GET /v1/acl/token/self}: the token whose secret the request carries. */
    AclToken tokenReadSelf() throws AgentClient.RequestException {
        return token(client.get("/v1/acl/token/self", query));
    }

    List<AclTokenListEntry> tokenList() throws AgentClient.RequestException {
        AclTokenListEntry[] entries = GoJson.decode(client.get("/v1/acl/tokens", query), AclTokenListEntry[].class);
        return entries == null ? List.of() : Arrays.asList(entries);
    }

    AclPolicy policyCreate(AclPolicy policy) throws AgentClient.RequestException {
        if (!policy.id().isEmpty()) {
            throw new AgentClient.RequestException("Cannot specify an ID in Policy Creation");
        }
        return policy(client.put("/v1/acl/policy", query, GoJson.encode(policy)));
    }

    AclPolicy policyUpdate(AclPolicy policy) throws AgentClient.RequestException {
        if (policy.id().isEmpty()) {
            throw new AgentClient.RequestException("Must specify an ID in Policy Update");
        }
        return policy(client.put("/v1/acl/policy/" + policy.id(), query, GoJson.encode(policy)));
    }

    void policyDelete(String id) throws AgentClient.RequestException {
        client.delete("/v1/acl/policy/" + id, query);
    }

    AclPolicy policyRead(String id) throws AgentClient.RequestException {
        return policy(client.get("/v1/acl/policy/" + id, query));
    }

    /**
     * {@code GET /v1/acl/policy/name/<name>}; empty on a 404. The Go client query-escapes the name into the path
     * and the path is escaped again on the wire ({@code a/b} travels as {@code a%252Fb}); the server unescapes it.
     */
    Optional<AclPolicy> policyReadByName(String name) throws AgentClient.RequestException {
        try {
            return Optional.of(policy(client.get("/v1/acl/policy/name/" + GoEscape.query(name), query)));
        } catch (AgentClient.RequestException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    List<AclPolicyListEntry> policyList() throws AgentClient.RequestException {
        AclPolicyListEntry[] entries = GoJson.decode(client.get("/v1/acl/policies", query), AclPolicyListEntry[].class);
        return entries == null ? List.of() : Arrays.asList(entries);
    }

    /**
     * {@code PUT /v1/agent/token/<target>} with {@code {"Token":...}}, trying each target (the current name, then
     * legacy ones) until one succeeds, as the Go client's {@code updateTokenFallback} does: any failure moves on to
     * the next target, and the last failure is the error.
     */
    void agentTokenUpdate(String token, List<String> targets) throws AgentClient.RequestException {
        AgentClient.RequestException last = null;
        for (String target : targets) {
            try {
                client.put("/v1/agent/token/" + target, query, GoJson.encode(new AgentTokenRequest(token)));
                return;
            } catch (AgentClient.RequestException e) {
                last = e;
            }
        }
        throw last;
    }

    private static AclToken token(String body) throws AgentClient.RequestException {
        AclToken t = GoJson.decode(body, AclToken.class);
        return t == null ? AclToken.EMPTY : t;
    }

    private static AclPolicy policy(String body) throws AgentClient.RequestException {
        AclPolicy p = GoJson.decode(body, AclPolicy.class);
        return p == null ? AclPolicy.EMPTY : p;
    }
}
