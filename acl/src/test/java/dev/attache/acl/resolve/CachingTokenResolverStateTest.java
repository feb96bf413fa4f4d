package dev.attache.acl.resolve;

import static dev.attache.acl.resolve.ResolverFixture.ACCESSOR;
import static dev.attache.acl.resolve.ResolverFixture.MGMT_SECRET;
import static dev.attache.acl.resolve.ResolverFixture.SECRET;
import static dev.attache.acl.resolve.ResolverFixture.UNKNOWN;
import static dev.attache.acl.resolve.ResolverFixture.ok;
import static dev.attache.acl.resolve.ResolverFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.AclException;
import dev.attache.acl.AclIdentity;
import dev.attache.acl.DefaultPolicy;
import dev.attache.acl.DownPolicy;
import dev.attache.acl.Resource;
import dev.attache.acl.state.AclState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Where the state comes from: every resolve, a TTL'd snapshot, coalesced fetches and misses, down policies. */
class CachingTokenResolverStateTest {
    final ResolverFixture f = new ResolverFixture();

    @Test
    void aServerAsksTheSourceOnEveryResolve() {
        f.initialize();
        CachingTokenResolver r = f.server(DefaultPolicy.DENY);
        ok(r.resolve(MGMT_SECRET));
        ok(r.resolve(MGMT_SECRET));
        ok(r.resolve(""));
        assertThat(f.fetches).hasValue(3);
    }

    @Test
    void aClientReusesItsSnapshotForTheTtl() {
        f.initialize();
        f.policy("node_prefix \"\" { policy = \"read\" }");
        f.tokenWithPolicy();
        CachingTokenResolver r = f.client(DefaultPolicy.DENY, DownPolicy.EXTEND_CACHE);
        ok(r.resolve(SECRET));
        f.policy("node_prefix \"\" { policy = \"write\" }");
        f.clock.advance(Duration.ofSeconds(29));
        assertThat(ok(r.resolve(SECRET)).authorizer().allows(Resource.NODE, AccessLevel.WRITE, "n"))
                .as("within the TTL: the old snapshot").isFalse();
        assertThat(f.fetches).hasValue(1);
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(ok(r.resolve(SECRET)).authorizer().allows(Resource.NODE, AccessLevel.WRITE, "n"))
                .as("TTL over: fetched again").isTrue();
        assertThat(f.fetches).hasValue(2);
    }

    @Test
    void invalidateForcesTheNextFetch() {
        f.initialize();
        f.policy("node_prefix \"\" { policy = \"read\" }");
        f.tokenWithPolicy();
        CachingTokenResolver r = f.client(DefaultPolicy.DENY, DownPolicy.EXTEND_CACHE);
        ok(r.resolve(SECRET));
        f.policy("node_prefix \"\" { policy = \"write\" }");
        r.invalidate();
        assertThat(ok(r.resolve(SECRET)).authorizer().allows(Resource.NODE, AccessLevel.WRITE, "n")).isTrue();
        assertThat(f.fetches).hasValue(2);
        ok(r.resolve(SECRET));
        assertThat(f.fetches).as("fresh again for the TTL").hasValue(2);
    }

    @Test
    void aTokenUnknownToAReusedSnapshotAsksOnce() {
        f.initialize();
        CachingTokenResolver r = f.client(DefaultPolicy.DENY, DownPolicy.EXTEND_CACHE);
        ok(r.resolve(MGMT_SECRET));
        f.token(SECRET, ACCESSOR, List.of(), List.of(), List.of(), null);
        assertThat(ok(r.resolve(SECRET)).accessorId()).isEqualTo(ACCESSOR);
        assertThat(f.fetches).hasValue(2);
        assertThat(refused(r.resolve(UNKNOWN)).kind()).isEqualTo(AclException.Kind.ACL_NOT_FOUND);
        assertThat(f.fetches).hasValue(3);
    }

    @Test
    void concurrentFetchesAreCoalesced() {
        f.initialize();
        CompletableFuture<AclState> pending = new CompletableFuture<>();
        f.pending.set(pending);
        CachingTokenResolver r = f.client(DefaultPolicy.DENY, DownPolicy.EXTEND_CACHE);
        CompletableFuture<AclIdentity> a = r.resolve(MGMT_SECRET);
        CompletableFuture<AclIdentity> b = r.resolve("");
        CompletableFuture<AclIdentity> c = r.resolve(MGMT_SECRET);
        assertThat(f.fetches).hasValue(1);
        assertThat(a).isNotDone();
        pending.complete(f.machine.state());
        assertThat(ok(a).authorizer().allows(Resource.ACL, AccessLevel.WRITE, null)).isTrue();
        assertThat(ok(b).anonymous()).isTrue();
        assertThat(ok(c)).as("both misses for one secret share one identity").isSameAs(ok(a));
        assertThat(f.fetches).hasValue(1);
    }

    @Test
    void concurrentMissesForOneSecretComputeOnce() throws Exception {
        f.initialize();
        f.policy("node_prefix \"\" { policy = \"read\" }");
        f.tokenWithPolicy();
        CachingTokenResolver r = f.server(DefaultPolicy.DENY);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                f.policy("node_prefix \"\" { policy = \"" + (round % 2 == 0 ? "write" : "read") + "\" }");
                long compiledBefore = r.compilations();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<AclIdentity>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return r.resolve(SECRET).get(5, TimeUnit.SECONDS);
                    }));
                }
                start.countDown();
                Set<AclIdentity> distinct = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
                for (Future<AclIdentity> result : results) {
                    distinct.add(result.get(10, TimeUnit.SECONDS));
                }
                assertThat(distinct).as("round %d", round).hasSize(1);
                assertThat(r.compilations() - compiledBefore).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private CachingTokenResolver warm(DefaultPolicy dflt, DownPolicy down) {
        CachingTokenResolver r = f.client(dflt, down);
        assertThat(ok(r.resolve(SECRET)).accessorId()).isEqualTo(ACCESSOR);
        return r;
    }

    /** A token with agent read only, resolvers that saw it, then the servers go away and the TTL runs out. */
    private void goDown() {
        f.down.set(new IllegalStateException("No cluster leader"));
        f.clock.advance(Duration.ofSeconds(31));
    }

    private void tokenWithAgentRead() {
        f.initialize();
        f.policy("agent_prefix \"\" { policy = \"read\" }");
        f.tokenWithPolicy();
    }

    @Test
    void downPolicyAllowAllowsAllButAclManagement() {
        tokenWithAgentRead();
        CachingTokenResolver r = warm(DefaultPolicy.DENY, DownPolicy.ALLOW);
        goDown();
        AclIdentity id = ok(r.resolve(SECRET));
        assertThat(id.accessorId()).isEqualTo("primary-dc-down");
        assertThat(id.authorizer().allows(Resource.OPERATOR, AccessLevel.WRITE, null)).isTrue();
        assertThat(id.authorizer().allows(Resource.AGENT, AccessLevel.WRITE, "node1")).isTrue();
        assertThat(id.authorizer().allows(Resource.ACL, AccessLevel.READ, null)).isFalse();
        assertThat(ok(r.resolve(UNKNOWN)).authorizer().allows(Resource.KEY, AccessLevel.WRITE, "k")).isTrue();
    }

    @Test
    void downPolicyDenyDeniesEverything() {
        tokenWithAgentRead();
        CachingTokenResolver r = warm(DefaultPolicy.ALLOW, DownPolicy.DENY);
        goDown();
        AclIdentity id = ok(r.resolve(SECRET));
        assertThat(id.accessorId()).isEqualTo("primary-dc-down");
        for (Resource res : Resource.values()) {
            assertThat(id.authorizer().allows(res, AccessLevel.READ, "node1")).as(res.word()).isFalse();
        }
    }

    @Test
    void downPolicyExtendCacheKeepsUsingTheLastSnapshot() {
        tokenWithAgentRead();
        CachingTokenResolver r = warm(DefaultPolicy.DENY, DownPolicy.EXTEND_CACHE);
        goDown();
        int before = f.fetches.get();
        AclIdentity id = ok(r.resolve(SECRET));
        assertThat(f.fetches.get()).as("it did try").isEqualTo(before + 1);
        assertThat(id.accessorId()).isEqualTo(ACCESSOR);
        assertThat(id.authorizer().allows(Resource.AGENT, AccessLevel.READ, "node1")).isTrue();
        assertThat(id.authorizer().allows(Resource.AGENT, AccessLevel.WRITE, "node1")).isFalse();
        // a token the last snapshot never had gets Consul's down authorizer: the default policy's
        AclIdentity unknown = ok(r.resolve(UNKNOWN));
        assertThat(unknown.accessorId()).isEqualTo("primary-dc-down");
        assertThat(unknown.authorizer().allows(Resource.AGENT, AccessLevel.READ, "node1")).isFalse();
        // back up: the fresh state decides again
        f.down.set(null);
        f.policy("agent_prefix \"\" { policy = \"write\" }");
        assertThat(ok(r.resolve(SECRET)).authorizer().allows(Resource.AGENT, AccessLevel.WRITE, "node1")).isTrue();
        assertThat(refused(r.resolve(UNKNOWN)).kind()).isEqualTo(AclException.Kind.ACL_NOT_FOUND);
    }

    @Test
    void downPolicyExtendCacheWithNoSnapshotYetFallsBackToTheDefaultPolicy() {
        tokenWithAgentRead();
        f.down.set(new IllegalStateException("No cluster leader"));
        AclIdentity deny = ok(f.client(DefaultPolicy.DENY, DownPolicy.EXTEND_CACHE).resolve(SECRET));
        assertThat(deny.accessorId()).isEqualTo("primary-dc-down");
        assertThat(deny.authorizer().allows(Resource.AGENT, AccessLevel.READ, "node1")).isFalse();
        AclIdentity allow = ok(f.client(DefaultPolicy.ALLOW, DownPolicy.ASYNC_CACHE).resolve(SECRET));
        assertThat(allow.authorizer().allows(Resource.AGENT, AccessLevel.READ, "node1")).isTrue();
        assertThat(allow.authorizer().allows(Resource.ACL, AccessLevel.READ, null)).isFalse();
    }

    @Test
    void downPolicyAsyncCacheAnswersFromTheStaleSnapshotWhileItRefreshes() {
        tokenWithAgentRead();
        CachingTokenResolver r = warm(DefaultPolicy.DENY, DownPolicy.ASYNC_CACHE);
        f.policy("agent_prefix \"\" { policy = \"write\" }");
        f.clock.advance(Duration.ofSeconds(31));
        CompletableFuture<AclState> pending = new CompletableFuture<>();
        f.pending.set(pending);
        AclIdentity stale = ok(r.resolve(SECRET)); // answered before the fetch completes
        assertThat(stale.authorizer().allows(Resource.AGENT, AccessLevel.WRITE, "node1")).isFalse();
        assertThat(f.fetches).hasValue(2);
        ok(r.resolve(SECRET));
        assertThat(f.fetches).as("one background fetch at a time").hasValue(2);
        pending.complete(f.machine.state());
        f.pending.set(null);
        assertThat(ok(r.resolve(SECRET)).authorizer().allows(Resource.AGENT, AccessLevel.WRITE, "node1"))
                .as("refreshed").isTrue();
        // and when the refresh fails, the last good snapshot stays in use
        f.down.set(new IllegalStateException("No cluster leader"));
        f.clock.advance(Duration.ofSeconds(31));
        assertThat(ok(r.resolve(SECRET)).authorizer().allows(Resource.AGENT, AccessLevel.WRITE, "node1")).isTrue();
        assertThat(ok(r.resolve(SECRET)).accessorId()).isEqualTo(ACCESSOR);
    }

    @Test
    void aServerWhoseSourceFailsFollowsTheDownPolicyToo() {
        tokenWithAgentRead();
        CachingTokenResolver extend = f.server(DefaultPolicy.DENY);
        ok(extend.resolve(SECRET));
        CachingTokenResolver deny = f.resolver(DefaultPolicy.ALLOW, DownPolicy.DENY, Duration.ZERO, "", "");
        f.down.set(new IllegalStateException("not ready"));
        assertThat(ok(extend.resolve(SECRET)).authorizer().allows(Resource.AGENT, AccessLevel.READ, "x")).isTrue();
        assertThat(ok(deny.resolve(SECRET)).authorizer().allows(Resource.AGENT, AccessLevel.READ, "x")).isFalse();
    }

    @Test
    void aSourceThatThrowsIsASourceThatFailed() {
        CachingTokenResolver r = new CachingTokenResolver(new ResolverConfig("node1", "dc1", DefaultPolicy.DENY,
                DownPolicy.DENY, Duration.ZERO, () -> "", () -> ""), () -> {
                    throw new IllegalStateException("boom");
                }, f.clock);
        assertThat(ok(r.resolve(SECRET)).authorizer().allows(Resource.AGENT, AccessLevel.READ, "x")).isFalse();
    }
}
