package dev.attache.cluster.impl;

import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.AclState;
import dev.attache.acl.state.AclTable;
import dev.attache.cluster.AclReplication;
import dev.attache.cluster.AclSettings;
import dev.attache.cluster.NoLeaderException;
import io.atomix.core.Atomix;
import io.atomix.primitive.PrimitiveException;
import io.atomix.primitive.Recovery;
import io.atomix.primitive.operation.PrimitiveOperation;
import io.atomix.primitive.partition.PartitionGroup;
import io.atomix.primitive.service.ServiceConfig;
import io.atomix.primitive.session.SessionClient;
import io.atomix.protocols.raft.ReadConsistency;
import io.atomix.protocols.raft.partition.RaftPartition;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's {@link AclReplication}: writes go through a Raft session on the datacenter's data partition (Atomix
 * forwards them to the leader and applies them on every replica); reads come from this server's replica
 * ({@link AclStateHost}), after a read barrier for the non-stale modes: the leader answers the index it has
 * applied, and the read waits until this replica has applied as much.
 *
 * <p>While this server leads in the primary datacenter, it initializes the ACL state (builtin policies, anonymous
 * token, initial management token) and reaps expired tokens. While it leads in a secondary datacenter, it runs the
 * {@link AclReplicator} that copies the primary's policies and global tokens, and reaps only its own Local tokens (the
 * primary's reaping of global ones arrives by replication).
 */
final class RaftAclReplication implements AclReplication {
    private static final Logger log = LoggerFactory.getLogger(RaftAclReplication.class);

    /** Consul's {@code performance.rpc_hold_timeout}: how long a request waits for a leader. */
    static final Duration HOLD_TIMEOUT = Duration.ofSeconds(7);
    /** How long a request that found no leader waits before it tries again within the hold timeout. */
    static final Duration RETRY_DELAY = Duration.ofMillis(250);
    private static final Duration REAP_INTERVAL = Duration.ofSeconds(5);

    private final String nodeName;
    private final AclSettings settings;
    private final AclStateHost host;
    private final AclPrimitive.Type type;
    private final ScheduledExecutorService events;
    /**
     * Commands and default reads: the leader answers from its lease, no extra round trip (Consul's default mode).
     * Atomix retries a failed command under a new sequence number, so a command whose answer was lost (the leader
     * died after committing it) can be applied twice; the state machine answers such a replay with the first
     * result ({@code AclStateMachine}).
     */
    private volatile CompletableFuture<SessionClient> session = new CompletableFuture<>();
    /** {@code ?consistent} reads: the leader confirms with a quorum that it still leads before answering. */
    private volatile CompletableFuture<SessionClient> verifiedSession = new CompletableFuture<>();
    private volatile boolean leader;
    private ScheduledFuture<?> reaper; // events thread only
    private final boolean inPrimary;
    private final AclReplicator replicator; // null in the primary

    RaftAclReplication(String nodeName, AclSettings settings, AclStateHost host, ScheduledExecutorService events,
                       dev.attache.cluster.Datacenters datacenters) {
        this.nodeName = nodeName;
        this.settings = settings;
        this.host = host;
        this.events = events;
        this.type = new AclPrimitive.Type(host, nodeName);
        this.inPrimary = datacenters.inPrimary();
        this.replicator = inPrimary ? null : new AclReplicator(nodeName, datacenters, settings, this, events);
    }

    /** This datacenter's replication state as this server knows it: its own loop's while it leads. */
    dev.attache.cluster.AclReplicationStatus replicationStatus() {
        return replicator == null ? dev.attache.cluster.AclReplicationStatus.DISABLED : replicator.status();
    }

    boolean leader() {
        return leader;
    }

    AclPrimitive.Type type() {
        return type;
    }

    AclStateHost host() {
        return host;
    }

    /**
     * Opens the sessions once the Raft instance has started; after a restart of the instance, new sessions replace
     * the old ones (requests still on those fail and are answered "No cluster leader").
     */
    void attach(Atomix atomix) {
        PartitionGroup group = atomix.getPartitionService().getPartitionGroup(RaftGroup.DATA_GROUP);
        RaftPartition partition = (RaftPartition) group.getPartitions().iterator().next();
        if (session.isDone()) {
            closeSessions();
            session = new CompletableFuture<>();
            verifiedSession = new CompletableFuture<>();
        }
        open(partition, ReadConsistency.LINEARIZABLE_LEASE, session);
        open(partition, ReadConsistency.LINEARIZABLE, verifiedSession);
    }

    private void open(RaftPartition partition, ReadConsistency reads, CompletableFuture<SessionClient> into) {
        SessionClient client = partition.getClient()
                .sessionBuilder(AclPrimitive.SERVICE_NAME, type, new ServiceConfig())
                .withReadConsistency(reads)
                .withRecoveryStrategy(Recovery.RECOVER)
                .withMaxRetries(5)
                .withRetryDelay(Duration.ofMillis(250))
                .withMinTimeout(Duration.ofSeconds(5))
                .withMaxTimeout(Duration.ofSeconds(30))
                .build();
        client.connect().whenComplete((c, e) -> {
            if (e != null) {
                log.warn("{}: acl: cannot open the ACL session ({} reads): {}", nodeName, reads, e.toString());
                into.completeExceptionally(e);
            } else {
                log.debug("{}: acl: session open ({} reads)", nodeName, reads);
                into.complete(c);
            }
        });
    }

    @Override
    public CompletableFuture<Object> submit(AclCommand command) {
        byte[] bytes = AclPrimitive.CODEC.encodeCommand(command);
        return held(() -> session.thenCompose(s -> s.execute(PrimitiveOperation.operation(AclPrimitive.APPLY, bytes))))
                .thenApply(AclPrimitive.CODEC::decodeResult);
    }

    @Override
    public CompletableFuture<AclState> read(Consistency consistency) {
        if (consistency == Consistency.STALE) {
            return CompletableFuture.completedFuture(host.state());
        }
        return held(() -> (consistency == Consistency.CONSISTENT ? verifiedSession : session)
                        .thenCompose(s -> s.execute(PrimitiveOperation.operation(AclPrimitive.APPLIED_INDEX))))
                .thenCompose(index -> bounded(host.awaitIndex(AclPrimitive.bytesLong(index))));
    }

    /** The first read at {@code consistency}; then this replica's own state, which follows every commit. */
    @Override
    public CompletableFuture<AclState> await(Consistency consistency, AclTable table, long minIndex,
                                             Duration timeout) {
        return read(consistency).thenCompose(state -> table.index(state) > minIndex
                ? CompletableFuture.completedFuture(state)
                : host.awaitTable(table, minIndex, timeout));
    }

    /**
     * A Raft round trip, tried again every {@link #RETRY_DELAY} while it fails for want of a leader (none elected, a
     * lost session, the leader's connection broken), for at most Consul's hold timeout; then "No cluster leader". A
     * command may so reach the log twice: the state machine answers a create committed again with its first result.
     */
    private <T> CompletableFuture<T> held(Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(call, System.nanoTime() + HOLD_TIMEOUT.toNanos(), result);
        return result;
    }

    private <T> void attempt(Supplier<CompletableFuture<T>> call, long deadline, CompletableFuture<T> result) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        call.get().orTimeout(Math.max(1, left), TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
            if (e == null) {
                result.complete(v);
                return;
            }
            Throwable cause = cause(e);
            if (!noLeader(cause)) {
                result.completeExceptionally(cause);
            } else if (cause instanceof TimeoutException
                    || deadline - System.nanoTime() <= RETRY_DELAY.toNanos()) {
                result.completeExceptionally(new NoLeaderException());
            } else {
                try {
                    events.schedule(() -> attempt(call, deadline, result), RETRY_DELAY.toMillis(),
                            TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    result.completeExceptionally(new NoLeaderException());
                }
            }
        });
    }

    /** A wait on this replica, bounded by the hold timeout like a Raft round trip. */
    private <T> CompletableFuture<T> bounded(CompletableFuture<T> f) {
        return f.orTimeout(HOLD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).handle((v, e) -> {
            if (e == null) {
                return v;
            }
            Throwable cause = cause(e);
            if (noLeader(cause)) {
                throw new NoLeaderException();
            }
            throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        });
    }

    private static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /**
     * No leader in time, a lost session, no member reachable ("Failed to connect to the cluster"), or the connection
     * to the leader broken mid-request (reset, closed): the request was not acknowledged.
     */
    private static boolean noLeader(Throwable cause) {
        return cause instanceof TimeoutException || cause instanceof PrimitiveException
                || cause instanceof java.io.IOException || cause instanceof io.atomix.protocols.raft.RaftException;
    }

    /** Called on the events thread whenever the data partition's leader changes. */
    void leaderChanged(boolean self) {
        leader = self;
        if (!settings.enabled()) {
            return;
        }
        if (self) {
            if (inPrimary) {
                initialize();
            } else {
                replicator.start();
            }
            if (reaper == null) {
                reaper = events.scheduleWithFixedDelay(this::reap, REAP_INTERVAL.toMillis(), REAP_INTERVAL.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        } else {
            if (replicator != null) {
                replicator.stop();
            }
            if (reaper != null) {
                reaper.cancel(false);
                reaper = null;
            }
        }
    }

    /** Submits {@link AclCommand.Initialize}, again after a failure for as long as this server leads. */
    private void initialize() {
        if (!leader) {
            return;
        }
        submit(new AclCommand.Initialize(Instant.now(), UUID.randomUUID().toString(),
                settings.initialManagementToken()))
                .whenComplete((r, e) -> {
                    if (e == null) {
                        log.info("{}: acl: ACL state initialized", nodeName);
                    } else {
                        log.warn("{}: acl: initializing the ACL state failed, retrying: {}", nodeName, e.toString());
                        events.schedule(this::initialize, 1, TimeUnit.SECONDS);
                    }
                });
    }

    private void reap() {
        if (!leader) {
            return;
        }
        Instant now = Instant.now();
        boolean localOnly = !inPrimary;
        boolean any = host.state().tokens().stream().anyMatch(t -> t.expiredAt(now) && (t.local() || !localOnly));
        if (any) {
            submit(new AclCommand.ReapExpired(now, localOnly)).whenComplete((r, e) -> {
                if (e != null) {
                    log.debug("{}: acl: reaping expired tokens failed: {}", nodeName, e.toString());
                }
            });
        }
    }

    private void closeSessions() {
        for (CompletableFuture<SessionClient> s : java.util.List.of(session, verifiedSession)) {
            s.cancel(false);
            s.thenAccept(SessionClient::close);
        }
    }

    void stop() {
        closeSessions();
        events.execute(() -> {
            if (reaper != null) {
                reaper.cancel(false);
            }
            if (replicator != null) {
                replicator.stop();
            }
        });
    }
}
