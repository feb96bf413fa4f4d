package dev.attache.api.acl;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.AclException;
import dev.attache.acl.Resource;
import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.AclState;
import dev.attache.acl.state.AclTable;
import dev.attache.acl.state.TokenSpec;
import dev.attache.acl.state.Uuids;
import dev.attache.acl.token.AclToken;
import dev.attache.api.ApiException;
import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;
import dev.attache.api.json.Json;
import dev.attache.cluster.AclReplication;
import dev.attache.cluster.Leadership;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code /v1/acl/token}, {@code /v1/acl/token/self}, {@code /v1/acl/token/<accessor>[/clone]} and
 * {@code /v1/acl/tokens} (consul-behavior.md §4.2 to §4.8). Decodes bodies and makes the HTTP layer's checks; the
 * replicated state machine makes every other one, with Consul's messages.
 */
public final class AclTokenEndpoints {
    static final String CANNOT_FIND_TOKEN_TO_DELETE = "Cannot find token to delete";
    static final String MISSING_ACCESSOR = "Missing token AccessorID";
    static final String TEMPLATED_POLICIES_UNSUPPORTED = "templated policies are not supported by this agent";
    private static final String DECODE_FAILED = "Token decoding failed";
    private static final String CLONE_SUFFIX = "/clone";

    private final AclEndpointConfig config;
    private final AclReads reads;
    private final AclWrites writes;
    private final Supplier<String> defaultToken;

    /**
     * @param defaultToken the agent's default token ({@code acl.tokens.default}, "" or null when none), read per
     *                     request since it can change at run time; token self falls back to it, then to
     *                     {@code anonymous}
     * @param onWrite      run after every committed token write (the agent's token cache invalidation)
     */
    public AclTokenEndpoints(AclEndpointConfig config, AclReplication replication, Leadership leadership,
                             Supplier<String> defaultToken, Runnable onWrite) {
        this.config = Objects.requireNonNull(config, "config");
        this.reads = new AclReads(config, replication, leadership);
        this.writes = new AclWrites(replication, onWrite);
        this.defaultToken = Objects.requireNonNull(defaultToken, "defaultToken");
    }

    /** {@code PUT /v1/acl/token}: caller-chosen AccessorID and SecretID are kept (and validated by the state machine). */
    public CompletableFuture<ApiResponse> tokenCreate(ApiRequest req) {
        config.requireEnabled();
        if (config.federation().serversDecide()) {
            return config.federation().toLocalServer(req);
        }
        req.rejectEnterpriseMeta();
        AclTokenBody body = decode(req);
        return body.local() || config.federation().inPrimary() ? create(body) : config.federation().toPrimary(req);
    }

    /** The route's check before a request is sent to another datacenter: ACLs must be on here. */
    public void checkEnabled() {
        config.requireEnabled();
    }

    /**
     * {@code PUT /v1/acl/token/<accessor>}: a full replacement of the mutable fields; the body's AccessorID, when
     * given, must be the URL's. {@code PUT /v1/acl/token/} without any AccessorID creates, and
     * {@code PUT /v1/acl/token/<accessor>/clone} clones (the suffix is split here, as Consul does).
     */
    public CompletableFuture<ApiResponse> tokenUpdate(ApiRequest req) {
        config.requireEnabled();
        if (config.federation().serversDecide()) {
            return config.federation().toLocalServer(req);
        }
        String accessor = req.pathParam();
        if (accessor.endsWith(CLONE_SUFFIX)) {
            return clone(req, accessor.substring(0, accessor.length() - CLONE_SUFFIX.length()));
        }
        req.rejectEnterpriseMeta();
        AclTokenBody body = decode(req);
        String bodyAccessor = body.accessorIdOrEmpty();
        if (!bodyAccessor.isEmpty() && !bodyAccessor.equals(accessor)) {
            throw ApiException.badRequest("Token Accessor ID in URL and payload do not match");
        }
        if (!body.local() && !config.federation().inPrimary()) {
            return config.federation().toPrimary(req); // a global token is written in the primary
        }
        if (accessor.isEmpty()) {
            return create(body);
        }
        config.federation().requireLocalTokens();
        if (!body.authMethodOrEmpty().isEmpty()) {
            // no token of this agent comes from a login, so any AuthMethod differs from the stored one
            throw AclException.invalid("Cannot change AuthMethod of " + accessor);
        }
        String secret = body.secretIdOrEmpty();
        TokenSpec spec = spec(body, accessor, !bodyAccessor.isEmpty(), secret, !secret.isEmpty());
        return respond(writes.submitToken(new AclCommand.TokenUpdate(Instant.now(), accessor, spec)));
    }

    /** {@code GET /v1/acl/token/<accessor>}: the SecretID is {@code <hidden>} without {@code acl:write}. */
    public CompletableFuture<ApiResponse> tokenRead(ApiRequest req) {
        config.requireEnabled();
        if (config.federation().serversDecide()) {
            return config.federation().toLocalServer(req);
        }
        String accessor = req.pathParam();
        if (accessor.isEmpty()) {
            throw ApiException.badRequest(MISSING_ACCESSOR);
        }
        if (!config.federation().localTokensEnabled()) {
            return config.federation().toPrimary(req);
        }
        boolean showSecret = showsSecrets(req);
        boolean expanded = req.flag("expanded");
        return reads.query(req, AclTable.TOKENS, state -> {
            AclToken token = live(state.findToken(accessor).orElse(null));
            return expanded
                    ? AclTokenExpandedJson.from(token, state, showSecret, config)
                    : AclTokenJson.from(token, state, showSecret);
        });
    }

    /**
     * {@code GET /v1/acl/token/self}: the token of the request's effective secret (its own, else the agent's default
     * token, else {@code anonymous}), with its secret. Holding the secret is the only permission needed.
     */
    public CompletableFuture<ApiResponse> tokenSelf(ApiRequest req) {
        config.requireEnabled();
        if (config.federation().serversDecide()) {
            return config.federation().toLocalServer(req);
        }
        if (!config.federation().localTokensEnabled()) {
            return config.federation().toPrimary(req);
        }
        String secret = effectiveSecret(req);
        return reads.query(req, AclTable.TOKENS,
                state -> AclTokenJson.from(live(state.tokenBySecret(secret).orElse(null)), state, true));
    }

    /** {@code DELETE /v1/acl/token/<accessor>}: {@code true}; see {@link AclErrors#TOKEN_DELETE} for the 404s. */
    public CompletableFuture<ApiResponse> tokenDelete(ApiRequest req) {
        config.requireEnabled();
        if (config.federation().serversDecide()) {
            return config.federation().toLocalServer(req);
        }
        String accessor = req.pathParam();
        if (accessor.isEmpty()) {
            throw ApiException.badRequest(MISSING_ACCESSOR);
        }
        req.rejectEnterpriseMeta();
        AclFederation federation = config.federation();
        if (federation.inPrimary()) {
            return delete(req, accessor);
        }
        if (!federation.localTokensEnabled()) {
            return federation.toPrimary(req);
        }
        // a Local token of this datacenter is deleted here; a global one, or one unknown here, in the primary
        return writes.localState().thenCompose(state -> state.token(accessor).filter(AclToken::local).isPresent()
                ? delete(req, accessor)
                : federation.toPrimary(req));
    }

    private CompletableFuture<ApiResponse> delete(ApiRequest req, String accessor) {
        return writes.submit(new AclCommand.TokenDelete(accessor, req.identity().accessorId()))
                .thenApply(done -> ApiResponse.json(Boolean.TRUE));
    }

    /**
     * {@code GET /v1/acl/tokens}: list stubs sorted by AccessorID, expired tokens left out, never null; at most one
     * of the filters {@code policy}, {@code role}, {@code servicename}, {@code authmethod}.
     */
    public CompletableFuture<ApiResponse> tokenList(ApiRequest req) {
        config.requireEnabled();
        if (config.federation().serversDecide()) {
            return config.federation().toLocalServer(req);
        }
        req.queryOptions();
        req.rejectEnterpriseMeta();
        if (req.nonEmpty("authmethod-ns")) {
            throw ApiException.badRequest(
                    "Invalid query parameter: \"authmethod-ns\" - Namespaces are a Consul Enterprise feature");
        }
        String policy = orEmpty(req.param("policy"));
        String role = orEmpty(req.param("role"));
        String serviceName = orEmpty(req.param("servicename"));
        String authMethod = orEmpty(req.param("authmethod"));
        if (!config.federation().localTokensEnabled()) {
            return config.federation().toPrimary(req);
        }
        boolean showSecret = showsSecrets(req);
        return reads.query(req, AclTable.TOKENS, state -> {
            if (Stream.of(policy, role, serviceName, authMethod).filter(s -> !s.isEmpty()).count() > 1) {
                throw AclException.invalid(
                        "can only filter by one of policy, role, serviceName, or methodName at a time");
            }
            List<AclToken> tokens;
            if (!policy.isEmpty()) {
                tokens = state.tokensLinkedTo(policy);
            } else if (!role.isEmpty()) {
                tokens = tokensWithRole(role);
            } else if (!serviceName.isEmpty()) {
                tokens = state.tokensWithServiceIdentity(serviceName);
            } else if (!authMethod.isEmpty()) {
                tokens = List.of(); // no token of this agent comes from an auth method
            } else {
                tokens = state.tokens();
            }
            Instant now = Instant.now();
            return tokens.stream()
                    .filter(t -> !t.expiredAt(now))
                    .sorted(Comparator.comparing(t -> t.accessorId().toLowerCase(Locale.ROOT)))
                    .map(t -> AclTokenJson.from(t, state, showSecret))
                    .toList();
        });
    }

    private CompletableFuture<ApiResponse> create(AclTokenBody body) {
        if (body.local()) {
            config.federation().requireLocalTokens();
        }
        if (!body.authMethodOrEmpty().isEmpty()) {
            throw AclException.invalid("AuthMethod field is disallowed outside of login");
        }
        String accessor = body.accessorIdOrEmpty();
        String secret = body.secretIdOrEmpty();
        TokenSpec spec = spec(body, accessor.isEmpty() ? AclWrites.newId() : accessor, !accessor.isEmpty(),
                secret.isEmpty() ? AclWrites.newId() : secret, !secret.isEmpty());
        return respond(writes.submitToken(new AclCommand.TokenCreate(Instant.now(), spec)));
    }

    /** The body is decoded strictly as a token, but only its {@code Description} is used. */
    private CompletableFuture<ApiResponse> clone(ApiRequest req, String sourceAccessor) {
        req.rejectEnterpriseMeta();
        AclTokenBody body = decode(req);
        String description = body.description() == null ? "" : body.description();
        AclFederation federation = config.federation();
        if (federation.inPrimary()) {
            return clone(sourceAccessor, description);
        }
        if (!federation.localTokensEnabled()) {
            return federation.toPrimary(req);
        }
        // a global source is cloned in the primary; a Local one (or one unknown here, refused as such) here
        return writes.localState().thenCompose(state -> state.token(sourceAccessor).filter(t -> !t.local())
                .isPresent() ? federation.toPrimary(req) : clone(sourceAccessor, description));
    }

    private CompletableFuture<ApiResponse> clone(String sourceAccessor, String description) {
        return respond(writes.submitToken(new AclCommand.TokenClone(Instant.now(), sourceAccessor,
                AclWrites.newId(), AclWrites.newId(), description)));
    }

    private static TokenSpec spec(AclTokenBody body, String accessor, boolean accessorGiven, String secret,
                                  boolean secretGiven) {
        if (body.hasTemplatedPolicies()) {
            throw AclException.invalid(TEMPLATED_POLICIES_UNSUPPORTED);
        }
        return new TokenSpec(accessor, accessorGiven, secret, secretGiven, body.description(), body.policyLinks(),
                body.roleLinks(), body.serviceIdentityList(), body.nodeIdentityList(), body.local(),
                body.expirationTime(), body.expirationTtl());
    }

    private static CompletableFuture<ApiResponse> respond(CompletableFuture<AclTokenJson> token) {
        return token.thenApply(ApiResponse::json);
    }

    /** A token a read may show: 403 {@code token does not exist} or {@code token has expired} otherwise. */
    private static AclToken live(AclToken token) {
        if (token == null) {
            throw AclException.aclNotFound("token does not exist: ACL not found");
        }
        if (token.expiredAt(Instant.now())) {
            throw AclException.aclNotFound("token has expired: ACL not found");
        }
        return token;
    }

    /** This agent has no roles: a well-formed role ID matches no token, a malformed one fails Consul's index. */
    private static List<AclToken> tokensWithRole(String roleId) {
        Uuids.tokenIndexError(roleId).ifPresent(e -> {
            throw AclException.invalid("failed acl token lookup: index error: " + e);
        });
        return List.of();
    }

    private static boolean showsSecrets(ApiRequest req) {
        return req.identity().authorizer().allows(Resource.ACL, AccessLevel.WRITE, null);
    }

    private String effectiveSecret(ApiRequest req) {
        if (!req.token().isEmpty()) {
            return req.token();
        }
        String fallback = defaultToken.get();
        return fallback == null || fallback.isEmpty() ? AclToken.ANONYMOUS_SECRET_ID : fallback;
    }

    private static AclTokenBody decode(ApiRequest req) {
        AclTokenBody body = Json.readCommunityEdition(req.body(), AclTokenBody.class, DECODE_FAILED);
        return body == null ? AclTokenBody.EMPTY : body;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
