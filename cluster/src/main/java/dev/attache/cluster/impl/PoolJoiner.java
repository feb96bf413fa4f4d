package dev.attache.cluster.impl;

import dev.attache.cluster.JoinException;
import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import io.atomix.utils.net.Address;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins of one pool by address (Consul's {@code join} and {@code retry_join}): dial the address over TCP, hand it
 * to SWIM as a seed ({@link DynamicDiscoveryProvider}), and complete once a live member with that address shows up
 * in the pool's view, within {@link #JOIN_TIMEOUT}.
 *
 * <p>Threading: bookkeeping runs on the agent's single {@code events} thread ({@link #settle()} is called there
 * after each view change); dials and DNS run on {@code blocking}.
 */
final class PoolJoiner {

    private static final Logger log = LoggerFactory.getLogger(PoolJoiner.class);

    /** How long the TCP dial of a join may take. */
    static final Duration DIAL_TIMEOUT = Duration.ofSeconds(2);
    /**
     * How long a join waits, after a successful dial, for the member at that address to show up: memberlist's
     * LAN TCP timeout, the budget of a Consul join's push/pull.
     */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private record Waiter(InetAddress ip, int port, String hostPort, String seedId, CompletableFuture<Void> future,
                          boolean pull) {
    }

    private final String nodeName;
    private final String poolName;
    private final int defaultPort;
    private final GossipTiming timing;
    private final DynamicDiscoveryProvider discovery;
    private final Supplier<List<Member>> members;
    private final ScheduledExecutorService events;
    private final Executor blocking;
    private final List<Waiter> waiters = new ArrayList<>(); // events thread only
    private final java.util.function.Consumer<Member> afterJoin;
    private volatile boolean stopped;

    /**
     * @param defaultPort the pool's gossip port for addresses given without one (8301 LAN, 8302 WAN)
     * @param members     the pool's current view
     * @param afterJoin   called (events thread) with the member a caller's join found: the pool then pulls that
     *                    member's view, as Serf's push/pull on join does
     */
    PoolJoiner(String nodeName, String poolName, int defaultPort, GossipTiming timing, DynamicDiscoveryProvider discovery,
               Supplier<List<Member>> members, ScheduledExecutorService events, Executor blocking,
               java.util.function.Consumer<Member> afterJoin) {
        this.nodeName = nodeName;
        this.poolName = poolName;
        this.defaultPort = defaultPort;
        this.timing = timing;
        this.discovery = discovery;
        this.members = members;
        this.events = events;
        this.blocking = blocking;
        this.afterJoin = afterJoin;
    }

    CompletableFuture<Void> join(String address) {
        return joinOne(address, true).handle((v, e) -> {
            if (e != null) {
                throw new CompletionException(new JoinException(JoinTarget.multiError(List.of(failureLine(e)))));
            }
            return null;
        });
    }

    /** Joins several addresses; completes with the number that answered, or fails with Consul's multi-error. */
    CompletableFuture<Integer> joinAll(List<String> addresses) {
        List<CompletableFuture<String>> attempts = addresses.stream()
                .map(a -> joinOne(a, true).handle((v, e) -> e == null ? null : failureLine(e)))
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

    /** Joins an address learned from another member's view: no further pull. Failures are only logged. */
    void probe(String address) {
        joinOne(address, false).whenComplete((v, e) -> {
            if (e != null) {
                log.debug("{}: {} member at {} learned on join did not answer: {}", nodeName, poolName, address,
                        failureLine(e));
            }
        });
    }

    /** Completes the joins whose member has shown up, and drops seeds that found their member. Events thread. */
    void settle() {
        for (Waiter w : List.copyOf(waiters)) {
            Optional<Member> found = findLive(w.ip(), w.port());
            if (found.isPresent()) {
                waiters.remove(w);
                w.future().complete(null);
                if (w.pull()) {
                    afterJoin.accept(found.get());
                }
            }
        }
        discovery.seeds().forEach((id, address) -> {
            InetAddress ip = address.address();
            if (ip != null && findLive(ip, address.port()).isPresent()) {
                dropSeedIfUnused(id);
            }
        });
    }

    /** Fails the pending joins. Events thread. */
    void stop() {
        stopped = true;
        for (Waiter w : List.copyOf(waiters)) {
            w.future().completeExceptionally(
                    new JoinTarget.Failure("Failed to join " + w.hostPort() + ": agent is shutting down"));
        }
        waiters.clear();
    }

    /** Marks the joiner stopped so that no new join starts; callable from any thread. */
    void stopping() {
        stopped = true;
    }

    private static String failureLine(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage();
    }

    private CompletableFuture<Void> joinOne(String address, boolean pull) {
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
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(ip, target.port()), (int) DIAL_TIMEOUT.toMillis());
                } catch (IOException e) {
                    throw new JoinTarget.Failure(JoinTarget.dialFailure(hostPort, e));
                }
                execute(() -> awaitMember(ip, target.port(), hostPort, result, pull), result, hostPort);
            } catch (JoinTarget.Failure f) {
                result.completeExceptionally(f);
            } catch (RuntimeException e) {
                result.completeExceptionally(new JoinTarget.Failure("Failed to join " + address + ": " + e));
            }
        });
        return result;
    }

    private void execute(Runnable task, CompletableFuture<Void> result, String hostPort) {
        try {
            events.execute(task);
        } catch (RejectedExecutionException stoppedAlready) {
            result.completeExceptionally(new JoinTarget.Failure("Failed to join " + hostPort + ": agent is shutting down"));
        }
    }

    private void awaitMember(InetAddress ip, int targetPort, String hostPort, CompletableFuture<Void> result,
                             boolean pull) {
        if (stopped) {
            result.completeExceptionally(new JoinTarget.Failure("Failed to join " + hostPort + ": agent is shutting down"));
            return;
        }
        Optional<Member> known = findLive(ip, targetPort);
        if (known.isPresent()) {
            result.complete(null);
            if (pull) {
                afterJoin.accept(known.get());
            }
            return;
        }
        Address seed = new Address(ip.getHostAddress(), targetPort);
        Waiter waiter = new Waiter(ip, targetPort, hostPort, discovery.addSeed(seed), result, pull);
        waiters.add(waiter);
        long every = timing.config().probeInterval().toMillis();
        ScheduledFuture<?> nudge = events.scheduleWithFixedDelay(() -> {
            if (!waiter.future().isDone()) {
                discovery.addSeed(seed); // re-announce: SWIM probes a JOINed node at once
            }
        }, every, every, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> timeout = events.schedule(() -> {
            if (waiters.remove(waiter)) {
                dropSeedIfUnused(waiter.seedId());
                result.completeExceptionally(new JoinTarget.Failure(
                        "Failed to join " + hostPort + ": read tcp " + hostPort + ": i/o timeout"));
            }
        }, JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((v, e) -> {
            nudge.cancel(false);
            timeout.cancel(false);
        });
    }

    private void dropSeedIfUnused(String seedId) {
        if (waiters.stream().noneMatch(w -> w.seedId().equals(seedId))) {
            discovery.remove(seedId);
        }
    }

    private Optional<Member> findLive(InetAddress ip, int targetPort) {
        return members.get().stream()
                .filter(m -> m.port() == targetPort)
                .filter(m -> m.status() == MemberStatus.ALIVE || m.status() == MemberStatus.LEAVING)
                .filter(m -> sameHost(m.address(), ip))
                .findFirst();
    }

    private static boolean sameHost(String literal, InetAddress ip) {
        try {
            InetAddress a = InetAddress.getByName(literal); // an IP literal: no lookup
            return a.equals(ip) || (isLocal(a) && isLocal(ip));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isLocal(InetAddress a) {
        try {
            return a.isLoopbackAddress() || a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
