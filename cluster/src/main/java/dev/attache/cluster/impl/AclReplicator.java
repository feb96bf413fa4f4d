package dev.attache.cluster.impl;

import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.ReplicationBatch;
import dev.attache.cluster.AclReplicationStatus;
import dev.attache.cluster.AclSettings;
import dev.attache.cluster.Datacenters;
import dev.attache.cluster.ForwardedRequest;
import dev.attache.cluster.ForwardedResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replication loop a secondary datacenter's leader runs, as Consul's ACL replication: a blocking read of the
 * primary's global ACL state ({@value #SOURCE_PATH}, authenticated with the replication token, answered by any server
 * of the primary) returns the policies and global tokens changed since the last round and the IDs of all of them;
 * what differs from the local copy is committed through this datacenter's Raft log as one
 * {@link AclCommand.Replicate}. Local tokens are never touched.
 *
 * <p>A round follows the last one at once (the read blocks until the primary changes, at most {@link #WAIT}); a
 * failed round is tried again after a back-off that doubles from 1 s up to {@link #MAX_BACKOFF}. Everything runs on
 * the agent's events thread.
 */
final class AclReplicator {
    private static final Logger log = LoggerFactory.getLogger(AclReplicator.class);

    /** The primary's endpoint that answers a replication round. */
    static final String SOURCE_PATH = "/v1/internal/acl/replicate";
    /** How long one round's read waits for a change in the primary. */
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    /** Room for the primary's hold time and the jitter added to the wait. */
    private static final Duration MARGIN = Duration.ofSeconds(15);

    private final String nodeName;
    private final Datacenters datacenters;
    private final AclSettings settings;
    private final RaftAclReplication acl;
    private final ScheduledExecutorService events;

    // events thread only
    private long generation;
    private boolean running;
    private long remoteIndex;
    private Duration backoff = MIN_BACKOFF;
    private volatile AclReplicationStatus status;

    AclReplicator(String nodeName, Datacenters datacenters, AclSettings settings, RaftAclReplication acl,
                  ScheduledExecutorService events) {
        this.nodeName = nodeName;
        this.datacenters = datacenters;
        this.settings = settings;
        this.acl = acl;
        this.events = events;
        this.status = new AclReplicationStatus(true, false, datacenters.primary(), "", 0, 0, null, null, "");
    }

    /** Starts the loop (this server now leads); a no-op while it runs. Events thread. */
    void start() {
        if (running) {
            return;
        }
        running = true;
        remoteIndex = 0; // a new leader compares everything once: what it holds may predate its term
        backoff = MIN_BACKOFF;
        long gen = ++generation;
        status = with(true, status.replicatedIndex(), status.replicatedTokenIndex(), status.lastSuccess(),
                status.lastError(), status.lastErrorMessage());
        log.info("{}: acl: replication from datacenter {} started", nodeName, datacenters.primary());
        round(gen);
    }

    /** Stops the loop (leadership lost, or shutdown); a round in flight is dropped. Events thread. */
    void stop() {
        if (!running) {
            return;
        }
        running = false;
        generation++;
        status = with(false, status.replicatedIndex(), status.replicatedTokenIndex(), status.lastSuccess(),
                status.lastError(), status.lastErrorMessage());
        log.info("{}: acl: replication stopped", nodeName);
    }

    AclReplicationStatus status() {
        return status;
    }

    private void round(long gen) {
        if (gen != generation) {
            return;
        }
        String primary = datacenters.primary();
        String uri = SOURCE_PATH + "?dc=" + URLEncoder.encode(primary, StandardCharsets.UTF_8)
                + "&stale&index=" + Long.toUnsignedString(remoteIndex) + "&wait=" + WAIT.toSeconds() + "s";
        String token = settings.replicationToken().get();
        ForwardedRequest request = new ForwardedRequest("GET", uri,
                token == null || token.isEmpty() ? Map.of() : Map.of("X-Consul-Token", token), null);
        CompletableFuture<ForwardedResponse> answer;
        try {
            answer = datacenters.forward(primary, request, WAIT.plus(WAIT.dividedBy(16)).plus(MARGIN));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenCompleteAsync((response, e) -> received(gen, response, e), events);
    }

    private void received(long gen, ForwardedResponse response, Throwable error) {
        if (gen != generation) {
            return;
        }
        if (error != null) {
            failed(gen, "failed to retrieve remote ACL data: " + message(error));
            return;
        }
        if (response.status() != 200) {
            failed(gen, "failed to retrieve remote ACL data: " + new String(response.body(), StandardCharsets.UTF_8)
                    .strip());
            return;
        }
        ReplicationBatch batch;
        try {
            batch = ReplicationBatch.decode(response.body());
        } catch (IllegalArgumentException e) {
            failed(gen, "failed to decode remote ACL data: " + e.getMessage());
            return;
        }
        if (Long.compareUnsigned(batch.index(), remoteIndex) < 0) {
            // the primary's state went back (a restored snapshot): compare everything again
            log.info("{}: acl: the primary's index went back from {} to {}; replicating everything", nodeName,
                    remoteIndex, batch.index());
            remoteIndex = 0;
            schedule(gen, Duration.ZERO);
            return;
        }
        if (!batch.changes(acl.host().state())) {
            succeeded(gen, batch);
            return;
        }
        acl.submit(new AclCommand.Replicate(batch)).whenCompleteAsync((r, e) -> {
            if (gen != generation) {
                return;
            }
            if (e != null) {
                failed(gen, "failed to apply replicated ACL data: " + message(e));
            } else {
                log.debug("{}: acl: replicated {} policies and {} tokens up to the primary's index {}", nodeName,
                        batch.policies().size(), batch.tokens().size(), batch.index());
                succeeded(gen, batch);
            }
        }, events);
    }

    private void succeeded(long gen, ReplicationBatch batch) {
        remoteIndex = batch.index();
        backoff = MIN_BACKOFF;
        status = new AclReplicationStatus(true, true, datacenters.primary(),
                batch.tokensIncluded() ? "tokens" : "policies", batch.index(),
                batch.tokensIncluded() ? batch.index() : status.replicatedTokenIndex(), now(), status.lastError(),
                status.lastErrorMessage());
        schedule(gen, Duration.ZERO);
    }

    private void failed(long gen, String message) {
        log.warn("{}: acl: replication round failed, retrying in {} s: {}", nodeName, backoff.toSeconds(), message);
        status = with(true, status.replicatedIndex(), status.replicatedTokenIndex(), status.lastSuccess(), now(),
                message);
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        schedule(gen, wait);
    }

    private void schedule(long gen, Duration delay) {
        try {
            if (delay.isZero()) {
                events.execute(() -> round(gen));
            } else {
                events.schedule(() -> round(gen), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException stopped) {
            // the agent is stopping
        }
    }

    private AclReplicationStatus with(boolean isRunning, long index, long tokenIndex, Instant success, Instant error,
                                      String message) {
        AclReplicationStatus s = status;
        return new AclReplicationStatus(true, isRunning, datacenters.primary(), s.replicationType(), index,
                tokenIndex, success, error, message);
    }

    /** Consul rounds these times to the second, in UTC. */
    private static Instant now() {
        return Instant.now().plusMillis(500).truncatedTo(ChronoUnit.SECONDS);
    }

    private static String message(Throwable e) {
        Throwable c = e;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
