package dev.attache.cluster.impl;

import dev.attache.cluster.JoinException;
import io.atomix.utils.net.Address;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins of one pool by address (Consul's {@code join} and {@code retry_join}), as memberlist joins: dial the address
 * over TCP, then a push/pull of member states with the member there ({@link SafeSwimProtocol#pushPull}), within
 * {@link #JOIN_TIMEOUT}. A join has succeeded when the push/pull has: this agent then holds every member the contact
 * held, the contact holds this agent, and every member learns of it from its announcement.
 *
 * <p>Threading: joins complete on the agent's single {@code events} thread, after the view changes the push/pull
 * caused; dials and DNS run on {@code blocking}.
 */
final class PoolJoiner {

    private static final Logger log = LoggerFactory.getLogger(PoolJoiner.class);

    /** How long the TCP dial of a join may take. */
    static final Duration DIAL_TIMEOUT = Duration.ofSeconds(2);
    /** How long a join's handshake and push/pull may take: memberlist's LAN TCP timeout, a Consul join's budget. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);
    /** The least time a push/pull is given, however long its handshake took. */
    private static final Duration MIN_PUSH_PULL = Duration.ofMillis(500);

    private final String nodeName;
    private final String poolName;
    private final MessagingHandshake.Listener pool;
    private final List<MessagingHandshake.Listener> neighbours;
    private final int defaultPort;
    private final GossipTiming timing;
    private final BiFunction<Address, Duration, CompletableFuture<Void>> pushPull;
    private final ScheduledExecutorService events;
    private final Executor blocking;
    private volatile boolean stopped;

    /**
     * @param pool        what this pool is, for the handshake that precedes a push/pull
     * @param listeners   everything an agent listens with (its pools, its Raft group): a join that reaches another
     *                    one than this pool names it in its error
     * @param defaultPort the pool's gossip port for addresses given without one (8301 LAN, 8302 WAN)
     * @param pushPull    the pool's push/pull with the member at an address, within a timeout
     */
    PoolJoiner(String nodeName, String poolName, MessagingHandshake.Listener pool,
               List<MessagingHandshake.Listener> listeners, int defaultPort, GossipTiming timing,
               BiFunction<Address, Duration, CompletableFuture<Void>> pushPull, ScheduledExecutorService events,
               Executor blocking) {
        this.nodeName = nodeName;
        this.poolName = poolName;
        this.pool = pool;
        this.neighbours = listeners.stream().filter(l -> !l.equals(pool)).toList();
        this.defaultPort = defaultPort;
        this.timing = timing;
        this.pushPull = pushPull;
        this.events = events;
        this.blocking = blocking;
    }

    CompletableFuture<Void> join(String address) {
        return joinOne(address).handle((v, e) -> {
            if (e != null) {
                throw new CompletionException(new JoinException(JoinTarget.multiError(List.of(failureLine(e)))));
            }
            return null;
        });
    }

    /** Joins several addresses; completes with the number that answered, or fails with Consul's multi-error. */
    CompletableFuture<Integer> joinAll(List<String> addresses) {
        List<CompletableFuture<String>> attempts = addresses.stream()
                .map(a -> joinOne(a).handle((v, e) -> e == null ? null : failureLine(e)))
                .toList();
        return CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<String> errors = attempts.stream().map(CompletableFuture::join).filter(l -> l != null).toList();
            if (errors.size() == addresses.size()) {
                throw new CompletionException(new JoinException(JoinTarget.multiError(errors)));
            }
            return addresses.size() - errors.size();
        });
    }

    /**
     * Joins the addresses now and, until one answers, again every retry interval in the background
     * (Consul's {@code retry_join}). Each failed round is logged at WARN.
     */
    void retryJoin(List<String> addresses) {
        if (addresses.isEmpty() || stopped) {
            return;
        }
        joinAll(addresses).whenComplete((n, e) -> {
            if (e == null) {
                log.info("{}: Join {} completed. Synced with {} initial agent(s)", nodeName, poolName, n);
            } else if (!stopped) {
                Duration every = timing.retryJoinInterval();
                log.warn("{}: Join {} failed, will retry in {} ms: {}", nodeName, poolName, every.toMillis(),
                        failureLine(e).strip().replace("\n\t", " "));
                try {
                    events.schedule(() -> retryJoin(addresses), every.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stoppedMeanwhile) {
                    log.debug("{}: retry join dropped at stop", nodeName);
                }
            }
        });
    }

    /** Joins the address of a failed member again (Serf's reconnect). Failures are only logged. */
    void reconnect(String address) {
        joinOne(address).whenComplete((v, e) -> {
            if (e != null) {
                log.debug("{}: {} reconnect to {} failed: {}", nodeName, poolName, address, failureLine(e));
            }
        });
    }

    /** Marks the joiner stopped so that no new join starts; callable from any thread. */
    void stopping() {
        stopped = true;
    }

    private static String failureLine(Throwable e) {
        return unwrap(e).getMessage();
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private CompletableFuture<Void> joinOne(String address) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (stopped) {
            result.completeExceptionally(new JoinTarget.Failure("Failed to join " + address + ": agent is shutting down"));
            return result;
        }
        blocking.execute(() -> {
            try {
                JoinTarget target = JoinTarget.parse(address, defaultPort);
                InetAddress ip = target.resolve();
                String hostPort = JoinTarget.hostPort(ip, target.port());
                long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
                checkListener(new InetSocketAddress(ip, target.port()), hostPort, deadline);
                Duration left = Duration.ofNanos(Math.max(MIN_PUSH_PULL.toNanos(), deadline - System.nanoTime()));
                pushPull.apply(new Address(ip.getHostAddress(), target.port()), left).whenComplete((v, e) -> {
                    if (e != null) {
                        result.completeExceptionally(new JoinTarget.Failure(pushPullFailure(hostPort, e)));
                    } else {
                        try {
                            events.execute(() -> result.complete(null));
                        } catch (RejectedExecutionException stoppedAlready) {
                            result.completeExceptionally(new JoinTarget.Failure(
                                    "Failed to join " + hostPort + ": agent is shutting down"));
                        }
                    }
                });
            } catch (JoinTarget.Failure f) {
                result.completeExceptionally(f);
            } catch (RuntimeException e) {
                result.completeExceptionally(new JoinTarget.Failure("Failed to join " + address + ": " + e));
            }
        });
        return result;
    }

    /**
     * Offers this pool's handshake at the address, so that a join to anything but a member of this pool fails at once
     * and says what it found: a push/pull sent there would get no answer and wait out the join's budget.
     */
    private void checkListener(InetSocketAddress address, String hostPort, long deadline) throws JoinTarget.Failure {
        MessagingHandshake.Result result = offer(address, hostPort, pool.clusterId(), deadline);
        String problem = switch (result.answer()) {
            case SAME_CLUSTER -> null;
            case SILENT -> "read tcp " + hostPort + ": i/o timeout";
            case OTHER_PROTOCOL -> "the service at " + hostPort + " does not speak the gossip protocol"
                    + (result.isHttp() ? " (it answered in HTTP)" : "");
            case CLOSED -> whatClosed(address, hostPort, deadline);
        };
        if (problem != null) {
            throw new JoinTarget.Failure("Failed to join " + hostPort + ": " + problem);
        }
    }

    /** Names what closed at this pool's handshake: one of the agent's other listeners, or something unknown. */
    private String whatClosed(InetSocketAddress address, String hostPort, long deadline) throws JoinTarget.Failure {
        for (MessagingHandshake.Listener other : neighbours) {
            if (offer(address, hostPort, other.clusterId(), deadline).answer() == MessagingHandshake.Answer.SAME_CLUSTER) {
                return other.gossip()
                        ? "the agent at " + hostPort + " is in " + other.description() + ", not in " + pool.description()
                        : hostPort + " is " + other.description() + ", not a gossip port";
            }
        }
        return "the agent at " + hostPort + " is not in " + pool.description()
                + " (it closed the connection at the gossip handshake: " + pool.strangers() + ", or not a gossip port)";
    }

    private static MessagingHandshake.Result offer(InetSocketAddress address, String hostPort, String clusterId,
                                                long deadline) throws JoinTarget.Failure {
        try {
            return MessagingHandshake.offer(address, clusterId, DIAL_TIMEOUT,
                    Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
        } catch (IOException e) {
            throw new JoinTarget.Failure(JoinTarget.dialFailure(hostPort, e));
        }
    }

    /** Memberlist's wording: a push/pull that got no answer in time is a read timeout on its TCP stream. */
    private static String pushPullFailure(String hostPort, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof TimeoutException) {
            return "Failed to join " + hostPort + ": read tcp " + hostPort + ": i/o timeout";
        }
        if (cause instanceof IOException) {
            return JoinTarget.dialFailure(hostPort, cause);
        }
        return "Failed to join " + hostPort + ": Reading remote state failed: " + cause.getMessage();
    }
}
