package dev.attache.api.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.attache.api.ApiException;
import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;
import dev.attache.api.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code PUT /v1/agent/token/<name>} (consul-behavior.md §3.12). */
public final class AgentTokenEndpoints {
    private static final Logger log = LoggerFactory.getLogger(AgentTokenEndpoints.class);

    private final String nodeName;
    private final boolean aclsEnabled;
    private final AgentTokenStore store;

    public AgentTokenEndpoints(String nodeName, boolean aclsEnabled, AgentTokenStore store) {
        this.nodeName = nodeName;
        this.aclsEnabled = aclsEnabled;
        this.store = store;
    }

    /** The body Consul decodes, strictly: only {@code Token}. */
    record TokenBody(@JsonProperty("Token") String token) {
    }

    public ApiResponse update(ApiRequest req) {
        if (!aclsEnabled) {
            throw ApiException.unauthorized("ACL support disabled");
        }
        TokenBody body = Json.read(req.body(), TokenBody.class, "Request decode failed");
        String name = req.pathParam();
        AgentTokenKind kind = AgentTokenKind.fromPath(name)
                .orElseThrow(() -> ApiException.notFound("Token \"" + name + "\" is unknown"));
        store.set(kind, body.token() == null ? "" : body.token());
        log.info("{}: Updated agent's ACL token (token={})", nodeName, name);
        return ApiResponse.empty();
    }
}
