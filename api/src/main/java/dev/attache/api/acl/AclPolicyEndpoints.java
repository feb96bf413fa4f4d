package dev.attache.api.acl;

import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.AclState;
import dev.attache.acl.state.AclTable;
import dev.attache.acl.token.AclPolicy;
import dev.attache.api.ApiException;
import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;
import dev.attache.api.json.Json;
import dev.attache.cluster.AclReplication;
import dev.attache.cluster.Leadership;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/acl/policy}, {@code /v1/acl/policy/<id>}, {@code /v1/acl/policy/name/<name>} and
 * {@code /v1/acl/policies} (consul-behavior.md §4.9).
 */
public final class AclPolicyEndpoints {
    static final String POLICY_NOT_FOUND = "Requested policy does not exist: ACL not found";
    private static final String DECODE_FAILED = "Policy decoding failed";

    private final AclEndpointConfig config;
    private final AclReads reads;
    private final AclWrites writes;

    /** @param onWrite run after every committed policy write (the agent's token cache invalidation) */
    public AclPolicyEndpoints(AclEndpointConfig config, AclReplication replication, Leadership leadership,
                              Runnable onWrite) {
        this.config = Objects.requireNonNull(config, "config");
        this.reads = new AclReads(config, replication, leadership);
        this.writes = new AclWrites(replication, onWrite);
    }

    /** {@code PUT /v1/acl/policy}: the ID is the server's choice. */
    public CompletableFuture<ApiResponse> policyCreate(ApiRequest req) {
        config.requireEnabled();
        req.rejectEnterpriseMeta();
        AclPolicyBody body = decode(req);
        if (!body.idOrEmpty().isEmpty()) {
            throw ApiException.badRequest("Cannot specify the ID when creating a new policy");
        }
        if (!config.federation().inPrimary()) {
            return config.federation().toPrimary(req);
        }
        return create(body);
    }

    /** {@code PUT /v1/acl/policy/<id>}; an empty ID with none in the body creates, as Consul's server does. */
    public CompletableFuture<ApiResponse> policyUpdate(ApiRequest req) {
        config.requireEnabled();
        String id = req.pathParam();
        req.rejectEnterpriseMeta();
        AclPolicyBody body = decode(req);
        if (!body.idOrEmpty().isEmpty() && !body.idOrEmpty().equals(id)) {
            throw ApiException.badRequest("Policy ID in URL and payload do not match");
        }
        if (!config.federation().inPrimary()) {
            return config.federation().toPrimary(req);
        }
        if (id.isEmpty()) {
            return create(body);
        }
        return write(new AclCommand.PolicyUpdate(id, body.toSpec()));
    }

    /** {@code GET /v1/acl/policy/<id>}: a missing policy is a real 404, without query meta. */
    public CompletableFuture<ApiResponse> policyRead(ApiRequest req) {
        config.requireEnabled();
        String id = req.pathParam();
        if (id.isEmpty()) {
            throw ApiException.badRequest("Missing policy ID");
        }
        return reads.query(req, AclTable.POLICIES, state -> found(state.findPolicy(id)));
    }

    /** {@code GET /v1/acl/policy/name/<name>}: the name is matched case-insensitively. */
    public CompletableFuture<ApiResponse> policyReadByName(ApiRequest req) {
        config.requireEnabled();
        String name = req.pathParam();
        if (name.isEmpty()) {
            throw ApiException.badRequest("Missing policy Name");
        }
        return reads.query(req, AclTable.POLICIES, state -> found(state.policyByName(name)));
    }

    /** {@code DELETE /v1/acl/policy/<id>}: {@code true}. */
    public CompletableFuture<ApiResponse> policyDelete(ApiRequest req) {
        config.requireEnabled();
        String id = req.pathParam();
        if (id.isEmpty()) {
            throw ApiException.badRequest("Missing policy ID");
        }
        req.rejectEnterpriseMeta();
        if (!config.federation().inPrimary()) {
            return config.federation().toPrimary(req);
        }
        return writes.submit(new AclCommand.PolicyDelete(id)).thenApply(done -> ApiResponse.json(Boolean.TRUE));
    }

    /** {@code GET /v1/acl/policies}: stubs sorted by ID, never null. */
    public CompletableFuture<ApiResponse> policyList(ApiRequest req) {
        config.requireEnabled();
        return reads.query(req, AclTable.POLICIES, state -> {
            List<AclPolicyJson.Stub> stubs = state.policies().stream()
                    .sorted(Comparator.comparing(p -> p.id().toLowerCase(Locale.ROOT)))
                    .map(AclPolicyJson.Stub::from)
                    .toList();
            return stubs;
        });
    }

    private CompletableFuture<ApiResponse> create(AclPolicyBody body) {
        return write(new AclCommand.PolicyCreate(AclWrites.newId(), body.toSpec()));
    }

    private CompletableFuture<ApiResponse> write(AclCommand command) {
        return writes.submit(command).thenApply(policy -> ApiResponse.json(AclPolicyJson.from((AclPolicy) policy)));
    }

    private static AclPolicyJson found(Optional<AclPolicy> policy) {
        return AclPolicyJson.from(policy.orElseThrow(() -> ApiException.notFound(POLICY_NOT_FOUND)));
    }

    private static AclPolicyBody decode(ApiRequest req) {
        AclPolicyBody body = Json.readCommunityEdition(req.body(), AclPolicyBody.class, DECODE_FAILED);
        return body == null ? AclPolicyBody.EMPTY : body;
    }
}
