package dev.attache.api;

import java.util.concurrent.CompletableFuture;

/** An endpoint method that may wait (Raft, a blocking query, the network). It must not block the caller. */
@FunctionalInterface
public interface Handler {
    CompletableFuture<ApiResponse> handle(ApiRequest request) throws Exception;

    /** An endpoint method that answers at once, without waiting on anything. */
    @FunctionalInterface
    interface Sync {
        ApiResponse handle(ApiRequest request) throws Exception;
    }
}
