package dev.attache.api.acl;

import dev.attache.acl.AclIdentity;
import dev.attache.acl.state.AclState;
import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;
import dev.attache.api.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The answers of blocked reads woken by one change, made and rendered to JSON once for all the readers that asked
 * the same question: the same route, path, query and caller. A thousand watchers of one token cost one rendering,
 * not a thousand. Answers are kept for the newest state woken and for {@link #SHARED_FOR_NANOS} only, as some
 * depend on the clock as well (an expired token leaves the lists without a change to the state).
 */
final class SharedAnswers {
    private record Question(String path, Map<String, List<String>> query, AclIdentity caller, String token) {
    }

    private record Generation(AclState state, long madeNanos, Map<Question, ApiResponse> answers) {
        boolean serves(AclState s, long now) {
            return state == s && now - madeNanos < SHARED_FOR_NANOS;
        }
    }

    /** How long an answer is shared: the readers one change wakes are answered well within it. */
    static final long SHARED_FOR_NANOS = 100_000_000L;
    /** The most distinct questions kept for one state; past it, answers are made for each reader. */
    static final int MAX_QUESTIONS = 1024;

    private volatile Generation current = new Generation(null, 0, new ConcurrentHashMap<>());

    /**
     * The answer for {@code req} at {@code state}: {@code respond}'s, rendered to JSON, shared with every other
     * request that asks the same at the same state. A failing {@code respond} is not kept: each reader fails alone.
     */
    ApiResponse answer(ApiRequest req, AclState state, Function<AclState, ApiResponse> respond) {
        long now = System.nanoTime();
        Generation g = current;
        if (!g.serves(state, now)) {
            synchronized (this) {
                g = current;
                if (!g.serves(state, now)) {
                    g = new Generation(state, now, new ConcurrentHashMap<>());
                    current = g;
                }
            }
        }
        Question q = new Question(req.path(), req.parameters(), req.identity(), req.token());
        ApiResponse shared = g.answers().get(q);
        if (shared == null) {
            ApiResponse made = respond.apply(state);
            shared = ApiResponse.raw("application/json", Json.write(made.body(), req.pretty()))
                    .withHeaders(made.headers());
            if (g.answers().size() < MAX_QUESTIONS) {
                g.answers().putIfAbsent(q, shared);
            }
        }
        return shared;
    }
}
