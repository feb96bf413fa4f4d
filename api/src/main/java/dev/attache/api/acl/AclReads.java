package dev.attache.api.acl;

import dev.attache.acl.state.AclState;
import dev.attache.api.ApiException;
import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;
import dev.attache.api.QueryOptions;
import dev.attache.cluster.AclReplication;
import dev.attache.cluster.AclReplication.Consistency;
import dev.attache.cluster.Leadership;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The one read path of the ACL endpoints: read options, datacenter, consistency, a snapshot, and Consul's query meta
 * headers (consul-behavior.md §7, §8). Blocking on {@code index}/{@code wait} belongs in {@link #query}, and only there.
 */
final class AclReads {
    static final String INDEX = "X-Consul-Index";
    static final String KNOWN_LEADER = "X-Consul-KnownLeader";
    static final String LAST_CONTACT = "X-Consul-LastContact";
    static final String QUERY_BACKEND = "X-Consul-Query-Backend";
    static final String BLOCKING_QUERY = "blocking-query";

    /** The query meta of a read that failed: Consul's zero {@code QueryMeta}, whose index is sent as 1. */
    static final Map<String, String> FAILURE_META = meta(0, false, 0);

    private final AclEndpointConfig config;
    private final AclReplication replication;
    private final Leadership leadership;

    AclReads(AclEndpointConfig config, AclReplication replication, Leadership leadership) {
        this.config = config;
        this.replication = replication;
        this.leadership = leadership;
    }

    /**
     * Parses the read options (400s), rejects Enterprise metadata (400s), reads a snapshot at the requested
     * consistency and answers {@code answer(snapshot)} with the query meta of the table {@code tableIndex} names.
     * {@code answer} may throw; the route's {@link AclErrors#QUERY_META} gives such failures their headers.
     */
    CompletableFuture<ApiResponse> query(ApiRequest req, ToLongFunction<AclState> tableIndex,
                                         Function<AclState, Object> answer) {
        QueryOptions options = req.queryOptions();
        req.rejectEnterpriseMeta();
        String dc = options.datacenter();
        if (!dc.isEmpty() && !dc.equals(config.datacenter())) {
            return CompletableFuture.failedFuture(ApiException.internal("No path to datacenter"));
        }
        return replication.read(consistency(options)).thenApply(state -> {
            Object value = answer.apply(state);
            return ApiResponse.json(value).withHeaders(meta(tableIndex.applyAsLong(state),
                    leadership.leader().isPresent(), leadership.lastContactMillis()));
        });
    }

    /** {@code ?max_stale}: a stale read, unless this server has not heard from the leader for longer than that. */
    private Consistency consistency(QueryOptions options) {
        Duration maxStale = options.maxStale();
        if (options.consistency() == Consistency.STALE && !maxStale.isZero()
                && leadership.lastContactMillis() > maxStale.toMillis()) {
            return Consistency.DEFAULT;
        }
        return options.consistency();
    }

    private static Map<String, String> meta(long index, boolean knownLeader, long lastContactMillis) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(INDEX, Long.toUnsignedString(index == 0 ? 1 : index));
        headers.put(KNOWN_LEADER, String.valueOf(knownLeader));
        headers.put(LAST_CONTACT, String.valueOf(Math.max(0, lastContactMillis)));
        headers.put(QUERY_BACKEND, BLOCKING_QUERY);
        return Map.copyOf(headers);
    }
}
