package dev.attache.api.acl;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.attache.acl.state.AclCommand;
import dev.attache.api.ApiException;
import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;
import dev.attache.api.json.Json;
import dev.attache.cluster.AclReplication;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code PUT /v1/acl/bootstrap} (consul-behavior.md §4.1). */
public final class AclBootstrapEndpoint {
    private static final Logger log = LoggerFactory.getLogger(AclBootstrapEndpoint.class);

    private final AclEndpointConfig config;
    private final AclWrites writes;
    private final BootstrapReset reset;

    /**
     * @param reset   the bootstrap reset file ({@link BootstrapReset#NONE} when the agent keeps none)
     * @param onWrite run after a committed bootstrap (the agent's token cache invalidation)
     */
    public AclBootstrapEndpoint(AclEndpointConfig config, AclReplication replication, BootstrapReset reset,
                                Runnable onWrite) {
        this.config = Objects.requireNonNull(config, "config");
        this.writes = new AclWrites(replication, onWrite);
        this.reset = Objects.requireNonNull(reset, "reset");
    }

    /** The optional body: {@code {"BootstrapSecret":"<uuid>"}}. */
    record BootstrapBody(@JsonProperty("BootstrapSecret") String bootstrapSecret) {
    }

    /**
     * Makes the management token; the body is read only when there is one. Answers the token with the legacy
     * leading {@code ID}. Already bootstrapped → 403 {@code Permission denied: ACL bootstrap no longer allowed ...}.
     */
    public CompletableFuture<ApiResponse> bootstrap(ApiRequest req) {
        config.requireEnabled();
        if (!config.federation().inPrimary()) {
            // only the primary bootstraps; Consul's secondary servers answer their "disabled" error
            throw ApiException.internal("ACL support disabled");
        }
        String secret = "";
        if (req.body().length > 0) {
            BootstrapBody body = Json.read(req.body(), BootstrapBody.class, "Request decoding failed");
            secret = body == null || body.bootstrapSecret() == null ? "" : body.bootstrapSecret();
        }
        boolean secretGiven = !secret.isEmpty();
        AclCommand.Bootstrap command = new AclCommand.Bootstrap(Instant.now(), AclWrites.newId(),
                secretGiven ? secret : AclWrites.newId(), secretGiven, reset.resetIndex());
        return writes.submitToken(command).thenApply(token -> {
            try {
                reset.consumed();
            } catch (RuntimeException e) {
                log.warn("ACL bootstrap succeeded but the reset file could not be removed: {}", e.toString());
            }
            return ApiResponse.json(AclBootstrapJson.of(token));
        });
    }
}
