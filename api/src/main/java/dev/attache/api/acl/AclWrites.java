package dev.attache.api.acl;

import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.AclState;
import dev.attache.acl.state.Uuids;
import dev.attache.acl.token.AclToken;
import dev.attache.cluster.AclReplication;
import dev.attache.cluster.AclReplication.Consistency;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one write path of the ACL endpoints: commit a command, then run the agent's {@code onWrite} (its token cache
 * invalidation); and the values a proposer chooses (fresh IDs).
 */
final class AclWrites {
    private static final Logger log = LoggerFactory.getLogger(AclWrites.class);

    private final AclReplication replication;
    private final Runnable onWrite;

    AclWrites(AclReplication replication, Runnable onWrite) {
        this.replication = replication;
        this.onWrite = onWrite;
    }

    /** Commits {@code command}; after a success, runs {@code onWrite}. Refusals fail the future unchanged. */
    CompletableFuture<Object> submit(AclCommand command) {
        return replication.submit(command).thenApply(result -> {
            try {
                onWrite.run();
            } catch (RuntimeException e) {
                log.error("ACL onWrite callback failed after a committed write", e);
            }
            return result;
        });
    }

    /**
     * Commits a token write and answers the token as Consul does: full secret, links with their policies' names.
     * The token is the write's own result; its links are named from this agent's state as it is, when that holds
     * every linked policy: a follower learns that a write is committed only with the leader's next heartbeat, and
     * waiting for that would add up to a heartbeat to every write made through it. Otherwise (a policy this state
     * does not have yet) from a state that includes the write.
     */
    CompletableFuture<AclTokenJson> submitToken(AclCommand command) {
        return submit(command).thenCompose(result -> {
            AclToken token = (AclToken) result;
            return replication.read(Consistency.STALE).thenCompose(state -> {
                if (state.index() >= token.modifyIndex()) {
                    return CompletableFuture.completedFuture(AclTokenJson.from(token, state, true));
                }
                if (AclTokenJson.namesAll(token, state)) {
                    return CompletableFuture.completedFuture(AclTokenJson.written(token, state));
                }
                return replication.read(Consistency.DEFAULT).thenApply(s -> AclTokenJson.from(token, s, true));
            });
        });
    }

    /** This datacenter's state as this agent's servers hold it now (where a write belongs is decided on it). */
    CompletableFuture<AclState> localState() {
        return replication.read(Consistency.STALE);
    }

    /** A fresh random UUID outside the reserved prefix, for an ID the proposer chooses. */
    static String newId() {
        String id;
        do {
            id = UUID.randomUUID().toString();
        } while (Uuids.isReserved(id));
        return id;
    }
}
