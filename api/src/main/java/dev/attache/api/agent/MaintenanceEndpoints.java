package dev.attache.api.agent;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.Resource;
import dev.attache.acl.TokenResolver;
import dev.attache.acl.state.GoFormat;
import dev.attache.api.ApiException;
import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;
import dev.attache.api.json.GoBool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Node maintenance ({@code PUT /v1/agent/maintenance}) and the local checks it shows up in
 * ({@code GET /v1/agent/checks}); consul-behavior.md §3.6, §9.6. The agent has no services, so its only check is
 * the maintenance one. {@code ?filter=} on the checks is not supported and is ignored.
 */
public final class MaintenanceEndpoints {
    private final String nodeName;
    private final NodeMaintenance maintenance;
    private final TokenResolver tokens;

    /** @param tokens resolves the request's token once {@code enable} is valid (the route does not resolve it) */
    public MaintenanceEndpoints(String nodeName, NodeMaintenance maintenance, TokenResolver tokens) {
        this.nodeName = nodeName;
        this.maintenance = maintenance;
        this.tokens = tokens;
    }

    /**
     * {@code enable} is validated before the token is even resolved, as Consul does (a bad {@code enable} with an
     * unknown token is a 400, not a 403); so the route resolves nothing and the {@code node:write} check on the
     * agent's own node is made here.
     */
    public CompletableFuture<ApiResponse> maintenance(ApiRequest req) {
        String raw = req.param("enable");
        if (raw == null) {
            throw ApiException.badRequest("Missing value for enable");
        }
        Boolean enable = GoBool.parse(raw);
        if (enable == null) {
            throw ApiException.badRequest("Invalid value for enable: " + GoFormat.quote(raw));
        }
        return tokens.resolve(req.token()).thenApply(identity -> {
            identity.require(Resource.NODE, AccessLevel.WRITE, nodeName);
            if (enable) {
                String reason = req.param("reason");
                maintenance.enable(reason == null ? "" : reason, req.token());
            } else {
                maintenance.disable();
            }
            return ApiResponse.empty();
        });
    }

    /** The local checks keyed by CheckID; a node check is kept only when the caller has {@code node:read} on it. */
    public ApiResponse checks(ApiRequest req) {
        Map<String, CheckJson> visible = new LinkedHashMap<>();
        boolean filtered = false;
        Optional<CheckJson> check = maintenance.check();
        if (check.isPresent()) {
            CheckJson c = check.get();
            if (req.identity().authorizer().allows(Resource.NODE, AccessLevel.READ, c.node())) {
                visible.put(c.checkId(), c);
            } else {
                filtered = true;
            }
        }
        ApiResponse response = ApiResponse.json(visible);
        if (filtered && !req.token().isEmpty()) {
            response = response.withHeader(MembershipEndpoints.RESULTS_FILTERED, "true");
        }
        return response;
    }
}
