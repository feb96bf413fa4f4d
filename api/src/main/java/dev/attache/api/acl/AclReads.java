package dev.attache.api.acl;

import dev.attache.acl.state.AclState;
import dev.attache.acl.state.AclTable;
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
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one read path of the ACL endpoints: read options, datacenter, consistency, a snapshot, and Consul's query meta
 * headers (consul-behavior.md §7, §8), blocking on {@code index}/{@code wait} included.
 */
final class AclReads {
    static final String INDEX = "X-Consul-Index";
    static final String KNOWN_LEADER = "X-Consul-KnownLeader";
    static final String LAST_CONTACT = "X-Consul-LastContact";
    static final String QUERY_BACKEND = "X-Consul-Query-Backend";
    static final String BLOCKING_QUERY = "blocking-query";

    /** Consul's {@code JitterFraction}: up to wait/16 is added so that blocked clients do not all time out at once. */
    static final int JITTER_FRACTION = 16;

    /** The query meta of a read that failed: Consul's zero {@code QueryMeta}, whose index is sent as 1. */
    static final Map<String, String> FAILURE_META = meta(0, false, 0);

    private final AclEndpointConfig config;
    private final AclReplication replication;
    private final Leadership leadership;
    private final SharedAnswers woken = new SharedAnswers();

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
    CompletableFuture<ApiResponse> query(ApiRequest req, AclTable table, Function<AclState, Object> answer) {
        return respond(req, table, state -> ApiResponse.json(answer.apply(state)));
    }

    /** As {@link #query}, for an answer that is already a response (a body that is not JSON-mapped here). */
    CompletableFuture<ApiResponse> respond(ApiRequest req, AclTable table, Function<AclState, ApiResponse> answer) {
        QueryOptions options = req.queryOptions();
        req.rejectEnterpriseMeta();
        String dc = options.datacenter();
        if (!dc.isEmpty() && !dc.equals(config.datacenter())) {
            return CompletableFuture.failedFuture(ApiException.internal("No path to datacenter"));
        }
        Function<AclState, ApiResponse> respond = state -> answer.apply(state).withHeaders(
                meta(table.index(state), leadership.leader().isPresent(), leadership.lastContactMillis()));
        if (options.minIndex() == 0) {
            return replication.read(consistency(options)).thenApply(respond);
        }
        // a blocking query: wakes on the thread that applied the change, answers on the connection's own; the readers
        // woken by one change share the answers they have in common
        return replication.await(consistency(options), table, options.minIndex(), queryTimeout(options.maxWait()))
                .thenApplyAsync(state -> woken.answer(req, state, respond), req.executor());
    }

    /** Consul's {@code RPCQueryTimeout}: the capped wait plus a random jitter in [0, wait / 16). */
    static Duration queryTimeout(Duration wait) {
        Duration w = QueryOptions.cappedWait(wait);
        long jitterBound = w.toNanos() / JITTER_FRACTION;
        long jitter = jitterBound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterBound);
        return w.plusNanos(jitter);
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
