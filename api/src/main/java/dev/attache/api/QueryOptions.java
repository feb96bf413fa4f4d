package dev.attache.api;

import dev.attache.acl.state.GoFormat;
import dev.attache.api.json.GoDuration;
import dev.attache.cluster.AclReplication.Consistency;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The read options of Consul's {@code parse}: target datacenter, consistency mode ({@code stale}, {@code consistent},
 * {@code leader}, {@code max_stale}) and blocking ({@code index}, {@code wait}), in Consul's order and with its 400s
 * (consul-behavior.md §7, §8). Only endpoints that read them parse them, as in Consul.
 *
 * @param datacenter  {@code ?datacenter=} or {@code ?dc=} (the former wins); "" for the agent's own
 * @param consistency {@link Consistency#STALE} for {@code ?stale} or a positive {@code max_stale}
 * @param maxStale    {@code ?max_stale=}, {@link Duration#ZERO} when absent
 * @param minIndex    {@code ?index=} (unsigned), 0 when absent: the query does not block
 * @param maxWait     {@code ?wait=}, {@link Duration#ZERO} when absent (the server's default then applies)
 */
public record QueryOptions(String datacenter, Consistency consistency, Duration maxStale, long minIndex,
                           Duration maxWait) {

    /** Consul's {@code default_query_time}: how long a blocking query waits without {@code ?wait}. */
    public static final Duration DEFAULT_QUERY_TIME = Duration.ofMinutes(5);
    /** Consul's {@code max_query_time}: the longest {@code ?wait} honoured. */
    public static final Duration MAX_QUERY_TIME = Duration.ofMinutes(10);

    /** Parses the options; {@link ApiException} 400 with Consul's text when a value is bad. */
    static QueryOptions parse(Function<String, String> param, Predicate<String> flag) {
        String datacenter = datacenter(param);
        boolean stale = flag.test("stale");
        boolean consistent = flag.test("consistent");
        Duration maxStale = Duration.ZERO;
        String maxStaleText = param.apply("max_stale");
        if (maxStaleText != null && !maxStaleText.isEmpty()) {
            try {
                maxStale = GoDuration.parse(maxStaleText);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Invalid max_stale value " + GoFormat.quote(maxStaleText));
            }
            if (maxStale.isNegative() || maxStale.isZero()) {
                maxStale = Duration.ZERO;
            } else {
                stale = true;
            }
        }
        if (stale && consistent) {
            throw ApiException.badRequest("Cannot specify ?stale with ?consistent, conflicting semantics.");
        }
        Duration wait = Duration.ZERO;
        String waitText = param.apply("wait");
        if (waitText != null && !waitText.isEmpty()) {
            try {
                wait = GoDuration.parse(waitText);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Invalid wait time");
            }
        }
        long minIndex = 0;
        String indexText = param.apply("index");
        if (indexText != null && !indexText.isEmpty()) {
            minIndex = parseUint(indexText);
        }
        Consistency consistency = stale ? Consistency.STALE
                : consistent ? Consistency.CONSISTENT : Consistency.DEFAULT;
        return new QueryOptions(datacenter, consistency, maxStale, minIndex, wait);
    }

    /** {@code ?datacenter=}, else {@code ?dc=}; "" for none. Read alone by requests that parse no other option. */
    static String datacenter(Function<String, String> param) {
        return firstNonEmpty(param.apply("datacenter"), param.apply("dc"));
    }

    /**
     * How long a blocking query with {@code ?wait=wait} waits at most, before Consul's jitter: {@code wait} capped
     * at {@link #MAX_QUERY_TIME}, {@link #DEFAULT_QUERY_TIME} when absent or not positive.
     */
    public static Duration cappedWait(Duration wait) {
        return wait.isNegative() || wait.isZero() ? DEFAULT_QUERY_TIME
                : wait.compareTo(MAX_QUERY_TIME) > 0 ? MAX_QUERY_TIME : wait;
    }

    /** Go's {@code strconv.ParseUint(s, 10, 64)}: digits only, at most 2^64 - 1. */
    private static long parseUint(String text) {
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.badRequest("Invalid index");
        }
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid index");
        }
    }

    private static String firstNonEmpty(String a, String b) {
        if (a != null && !a.isEmpty()) {
            return a;
        }
        return b == null ? "" : b;
    }
}
