package dev.attache.api.acl;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.attache.acl.state.AclTable;
import dev.attache.acl.state.ReplicationBatch;
import dev.attache.api.ApiException;
import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;
import dev.attache.cluster.AclReplication;
import dev.attache.cluster.AclReplicationStatus;
import dev.attache.cluster.Leadership;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code GET /v1/acl/replication} (consul-behavior.md §9.4), and the primary's side of replication,
 * {@code GET /v1/internal/acl/replicate}: a blocking read of the global ACL state changed since {@code index}, as
 * a secondary's leader asks for it with its replication token (which must grant {@code acl:write}, as Consul's token
 * replication needs it to see secrets).
 */
public final class AclReplicationEndpoints {
    /** Go's zero {@code time.Time}, which Consul prints for a time that never happened. */
    static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

    private final AclEndpointConfig config;
    private final AclReads reads;
    private final Supplier<CompletableFuture<AclReplicationStatus>> status;

    /** @param status the datacenter's replication state, from its leader */
    public AclReplicationEndpoints(AclEndpointConfig config, AclReplication replication, Leadership leadership,
                                   Supplier<CompletableFuture<AclReplicationStatus>> status) {
        this.config = Objects.requireNonNull(config, "config");
        this.reads = new AclReads(config, replication, leadership);
        this.status = Objects.requireNonNull(status, "status");
    }

    /** Consul's {@code ACLReplicationStatus} fields, in its order. */
    @JsonPropertyOrder({"Enabled", "Running", "SourceDatacenter", "ReplicationType", "ReplicatedIndex",
            "ReplicatedRoleIndex", "ReplicatedTokenIndex", "LastSuccess", "LastError", "LastErrorMessage"})
    record StatusJson(@JsonProperty("Enabled") boolean enabled, @JsonProperty("Running") boolean running,
                      @JsonProperty("SourceDatacenter") String sourceDatacenter,
                      @JsonProperty("ReplicationType") String replicationType,
                      @JsonProperty("ReplicatedIndex") long replicatedIndex,
                      @JsonProperty("ReplicatedRoleIndex") long replicatedRoleIndex,
                      @JsonProperty("ReplicatedTokenIndex") long replicatedTokenIndex,
                      @JsonProperty("LastSuccess") String lastSuccess, @JsonProperty("LastError") String lastError,
                      @JsonProperty("LastErrorMessage") String lastErrorMessage) {

        /** This agent has no roles, so the roles are as replicated as the policies. */
        static StatusJson of(AclReplicationStatus s) {
            return new StatusJson(s.enabled(), s.running(), s.sourceDatacenter(), s.replicationType(),
                    s.replicatedIndex(), s.replicatedIndex(), s.replicatedTokenIndex(), time(s.lastSuccess()),
                    time(s.lastError()), s.lastErrorMessage());
        }

        private static String time(Instant t) {
            return t == null ? GO_ZERO_TIME : DateTimeFormatter.ISO_INSTANT.format(t);
        }
    }

    /** {@code GET /v1/acl/replication}: no token needed; the leader of the datacenter answers. */
    public CompletableFuture<ApiResponse> status(ApiRequest req) {
        config.requireEnabled();
        req.queryOptions();
        return status.get().thenApply(s -> ApiResponse.json(StatusJson.of(s)));
    }

    /**
     * {@code GET /v1/internal/acl/replicate?index=}: in the primary only, the {@link ReplicationBatch} of policies
     * and global tokens changed after {@code index}, once there is a change (or at the end of {@code wait}), with
     * the usual query meta.
     */
    public CompletableFuture<ApiResponse> source(ApiRequest req) {
        config.requireEnabled();
        if (!config.federation().inPrimary()) {
            throw ApiException.badRequest("ACL replication reads the primary datacenter only");
        }
        long since = req.queryOptions().minIndex();
        return reads.respond(req, AclTable.ANY,
                state -> ApiResponse.raw("application/json", ReplicationBatch.since(state, since, true).encode()));
    }
}
