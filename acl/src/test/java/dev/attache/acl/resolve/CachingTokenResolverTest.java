package dev.attache.acl.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.AclException;
import dev.attache.acl.AclIdentity;
import dev.attache.acl.DefaultPolicy;
import dev.attache.acl.DownPolicy;
import dev.attache.acl.Resource;
import dev.attache.acl.rules.RulesParser;
import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.AclState;
import dev.attache.acl.state.AclStateMachine;
import dev.attache.acl.state.PolicySpec;
import dev.attache.acl.state.TokenSpec;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Resolution over states made by the real state machine. */
class CachingTokenResolverTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String MGMT_SECRET = "11111111-2222-4333-8444-555555555555";
    static final String POLICY = "6f1b7a5e-0c3d-4e2f-9a8b-7c6d5e4f3a21";
    static final String SECRET = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    static final String ACCESSOR = "abababab-cdcd-4efe-8f0f-101010101010";

    final MutableClock clock = new MutableClock();
    final AclStateMachine machine = new AclStateMachine(RulesParser::validate);
    long index;
    final AtomicInteger fetches = new AtomicInteger();
    final AtomicReference<RuntimeException> down = new AtomicReference<>();
    final AclStateSource source = () -> {
        fetches.incrementAndGet();
        RuntimeException e = down.get();
        return e != null ? CompletableFuture.failedFuture(e) : CompletableFuture.completedFuture(machine.state());
    };

    private Object apply(AclCommand c) {
        return machine.apply(c, ++index);
    }

    private void initialize() {
        apply(new AclCommand.Initialize(T0, "0e0e0e0e-1f1f-4a2a-8b3b-4c4c4c4c4c4c", MGMT_SECRET));
    }

    private void policy(String rules) {
        if (machine.state().policy(POLICY).isPresent()) {
            apply(new AclCommand.PolicyUpdate(POLICY, new PolicySpec("p", "", rules, List.of())));
        } else {
            apply(new AclCommand.PolicyCreate(POLICY, new PolicySpec("p", "", rules, List.of())));
        }
    }

    private AclToken token(String secret, String accessor, List<PolicyLink> policies, List<ServiceIdentity> services,
                           List<NodeIdentity> nodes, Instant expires) {
        return (AclToken) apply(new AclCommand.TokenCreate(clock.instant(), new TokenSpec(accessor, true, secret, true,
                "t", policies, List.of(), services, nodes, false, expires, null)));
    }

    private CachingTokenResolver resolver(DefaultPolicy dflt, DownPolicy downPolicy, Duration ttl, String dfltToken,
                                          String recovery) {
        return new CachingTokenResolver(new ResolverConfig("node1", "dc1", dflt, downPolicy, ttl, () -> dfltToken,
                () -> recovery), source, clock);
    }

    private CachingTokenResolver server(DefaultPolicy dflt) {
        return resolver(dflt, DownPolicy.EXTEND_CACHE, Duration.ZERO, "", "");
    }

    private static AclIdentity ok(CompletableFuture<AclIdentity> f) {
        assertThat(f).isCompleted();
        return f.join();
    }

    private static AclException refused(CompletableFuture<AclIdentity> f) {
        assertThat(f).isCompletedExceptionally();
        Throwable e = f.handle((v, t) -> t).join();
        while (e.getCause() != null && !(e instanceof AclException)) {
            e = e.getCause();
        }
        assertThat(e).isInstanceOf(AclException.class);
        return (AclException) e;
    }

    @Test
    void aTokenGetsItsPoliciesThenTheDefaultPolicy() {
        initialize();
        policy("agent \"node1\" { policy = \"read\" }");
        token(SECRET, ACCESSOR, List.of(PolicyLink.ofId(POLICY)), List.of(), List.of(), null);
        for (DefaultPolicy d : DefaultPolicy.values()) {
            AclIdentity id = ok(server(d).resolve(SECRET));
            assertThat(id.accessorId()).isEqualTo(ACCESSOR);
            assertThat(id.anonymous()).isFalse();
            assertThat(id.authorizer().allows(Resource.AGENT, AccessLevel.READ, "node1")).isTrue();
            assertThat(id.authorizer().allows(Resource.AGENT, AccessLevel.WRITE, "node1")).isFalse();
            assertThat(id.authorizer().allows(Resource.NODE, AccessLevel.WRITE, "node1")).isEqualTo(d == DefaultPolicy.ALLOW);
            assertThat(id.authorizer().allows(Resource.ACL, AccessLevel.READ, null)).isFalse();
        }
        AclIdentity mgmt = ok(server(DefaultPolicy.DENY).resolve(MGMT_SECRET));
        assertThat(mgmt.authorizer().allows(Resource.ACL, AccessLevel.WRITE, null)).isTrue();
    }

    @Test
    void noSecretMeansTheDefaultTokenThenAnonymous() {
        initialize();
        token(SECRET, ACCESSOR, List.of(), List.of(), List.of(), null);
        AclIdentity anon = ok(server(DefaultPolicy.DENY).resolve(""));
        assertThat(anon.accessorId()).isEqualTo(AclToken.ANONYMOUS_ACCESSOR_ID);
        assertThat(anon.anonymous()).isTrue();
        assertThat(ok(server(DefaultPolicy.DENY).resolve("anonymous")).anonymous()).isTrue();
        AclIdentity viaDefault = ok(resolver(DefaultPolicy.DENY, DownPolicy.EXTEND_CACHE, Duration.ZERO, SECRET, "")
                .resolve(""));
        assertThat(viaDefault.accessorId()).isEqualTo(ACCESSOR);
    }

    @Test
    void anonymousIsUsableBeforeTheStateIsInitialized() {
        AclIdentity anon = ok(server(DefaultPolicy.ALLOW).resolve(""));
        assertThat(anon.anonymous()).isTrue();
        assertThat(anon.authorizer().allows(Resource.AGENT, AccessLevel.WRITE, "node1")).isTrue();
    }

    @Test
    void unknownExpiredRootAndUnbootstrapped() {
        apply(new AclCommand.Initialize(T0, "", "")); // not bootstrapped
        assertThat(refused(server(DefaultPolicy.DENY).resolve(SECRET)).getMessage())
                .isEqualTo(CachingTokenResolver.NOT_BOOTSTRAPPED);
        apply(new AclCommand.Bootstrap(T0, "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e", MGMT_SECRET, true, -1));
        AclException unknown = refused(server(DefaultPolicy.DENY).resolve(SECRET));
        assertThat(unknown.kind()).isEqualTo(AclException.Kind.ACL_NOT_FOUND);
        assertThat(unknown.getMessage()).isEqualTo("ACL not found");
        for (String root : List.of("allow", "deny", "manage")) {
            AclException e = refused(server(DefaultPolicy.DENY).resolve(root));
            assertThat(e.kind()).isEqualTo(AclException.Kind.INVALID);
            assertThat(e.getMessage()).isEqualTo("Cannot resolve root ACL");
        }
        token(SECRET, ACCESSOR, List.of(), List.of(), List.of(), clock.instant().plus(Duration.ofMinutes(10)));
        CachingTokenResolver r = server(DefaultPolicy.DENY);
        assertThat(ok(r.resolve(SECRET)).accessorId()).isEqualTo(ACCESSOR);
        clock.advance(Duration.ofMinutes(10).plusMillis(1));
        // expired, although the state has not changed since the identity was cached
        assertThat(refused(r.resolve(SECRET)).getMessage()).isEqualTo("ACL not found");
    }

    @Test
    void theAgentRecoveryTokenResolvesWithoutTheState() {
        down.set(new IllegalStateException("no servers"));
        String recovery = "0f0f0f0f-1e1e-4d2d-8c3c-4b4b4b4b4b4b";
        CachingTokenResolver r = resolver(DefaultPolicy.ALLOW, DownPolicy.DENY, Duration.ofSeconds(30), "", recovery);
        AclIdentity id = ok(r.resolve(recovery));
        assertThat(fetches).hasValue(0);
        assertThat(id.accessorId()).isEqualTo("agent-recovery:node1");
        assertThat(id.authorizer().allows(Resource.AGENT, AccessLevel.WRITE, "node1")).isTrue();
        assertThat(id.authorizer().allows(Resource.AGENT, AccessLevel.WRITE, "node2")).isFalse();
        assertThat(id.authorizer().allows(Resource.NODE, AccessLevel.READ, "node2")).isTrue();
        assertThat(id.authorizer().allows(Resource.NODE, AccessLevel.WRITE, "node1")).isFalse();
        assertThat(id.authorizer().allows(Resource.OPERATOR, AccessLevel.READ, null)).isFalse();
    }

    @Test
    void theCacheFollowsTheState() {
        initialize();
        policy("node_prefix \"\" { policy = \"read\" }");
        token(SECRET, ACCESSOR, List.of(PolicyLink.ofId(POLICY)), List.of(), List.of(), null);
        CachingTokenResolver r = server(DefaultPolicy.DENY);
        AclIdentity first = ok(r.resolve(SECRET));
        assertThat(ok(r.resolve(SECRET))).isSameAs(first);
        assertThat(first.authorizer().allows(Resource.NODE, AccessLevel.WRITE, "n")).isFalse();

        policy("node_prefix \"\" { policy = \"write\" }");
        AclIdentity after = ok(r.resolve(SECRET));
        assertThat(after).isNotSameAs(first);
        assertThat(after.authorizer().allows(Resource.NODE, AccessLevel.WRITE, "n")).isTrue();

        apply(new AclCommand.PolicyDelete(POLICY));
        assertThat(ok(r.resolve(SECRET)).authorizer().allows(Resource.NODE, AccessLevel.READ, "n")).isFalse();
        apply(new AclCommand.TokenDelete(ACCESSOR, ""));
        assertThat(refused(r.resolve(SECRET)).kind()).isEqualTo(AclException.Kind.ACL_NOT_FOUND);
    }

    @Test
    void identitiesGrantTheirSyntheticPoliciesInTheirDatacenters() {
        initialize();
        token(SECRET, ACCESSOR, List.of(), List.of(new ServiceIdentity("web", List.of()),
                new ServiceIdentity("db", List.of("dc2"))), List.of(new NodeIdentity("n7", "dc1")), null);
        AclIdentity id = ok(server(DefaultPolicy.DENY).resolve(SECRET));
        assertThat(id.authorizer().allows(Resource.SERVICE, AccessLevel.WRITE, "web")).isTrue();
        assertThat(id.authorizer().allows(Resource.SERVICE, AccessLevel.WRITE, "web-sidecar-proxy")).isTrue();
        assertThat(id.authorizer().allows(Resource.SERVICE, AccessLevel.READ, "other")).isTrue();
        assertThat(id.authorizer().allows(Resource.SERVICE, AccessLevel.WRITE, "db")).isFalse(); // dc2 only
        assertThat(id.authorizer().allows(Resource.NODE, AccessLevel.WRITE, "n7")).isTrue();
        assertThat(id.authorizer().allows(Resource.NODE, AccessLevel.WRITE, "n8")).isFalse();
        assertThat(id.authorizer().allows(Resource.NODE, AccessLevel.READ, "n8")).isTrue();
    }

    @Test
    void policiesOfOtherDatacentersDoNotApply() {
        initialize();
        apply(new AclCommand.PolicyCreate(POLICY, new PolicySpec("dc2-only", "", "operator = \"write\"",
                List.of("dc2"))));
        token(SECRET, ACCESSOR, List.of(PolicyLink.ofId(POLICY)), List.of(), List.of(), null);
        assertThat(ok(server(DefaultPolicy.DENY).resolve(SECRET)).authorizer()
                .allows(Resource.OPERATOR, AccessLevel.READ, null)).isFalse();
    }

    @Test
    void aClientReusesItsSnapshotForTheTtlAndRefetchesForAnUnknownToken() {
        initialize();
        CachingTokenResolver r = resolver(DefaultPolicy.DENY, DownPolicy.EXTEND_CACHE, Duration.ofSeconds(30), "", "");
        ok(r.resolve(MGMT_SECRET));
        ok(r.resolve(MGMT_SECRET));
        assertThat(fetches).hasValue(1);
        token(SECRET, ACCESSOR, List.of(), List.of(), List.of(), null);
        ok(r.resolve(SECRET)); // not in the cached snapshot: asked again
        assertThat(fetches).hasValue(2);
        clock.advance(Duration.ofSeconds(31));
        ok(r.resolve(MGMT_SECRET));
        assertThat(fetches).hasValue(3);
        r.invalidate();
        ok(r.resolve(MGMT_SECRET));
        assertThat(fetches).hasValue(4);
    }

    @Test
    void concurrentFetchesAreCoalesced() {
        initialize();
        CompletableFuture<AclState> pending = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();
        CachingTokenResolver r = new CachingTokenResolver(new ResolverConfig("node1", "dc1", DefaultPolicy.DENY,
                DownPolicy.EXTEND_CACHE, Duration.ofSeconds(30), () -> "", () -> ""), () -> {
                    calls.incrementAndGet();
                    return pending;
                }, clock);
        CompletableFuture<AclIdentity> a = r.resolve(MGMT_SECRET);
        CompletableFuture<AclIdentity> b = r.resolve("");
        assertThat(calls).hasValue(1);
        assertThat(a).isNotDone();
        pending.complete(machine.state());
        assertThat(ok(a).authorizer().allows(Resource.ACL, AccessLevel.WRITE, null)).isTrue();
        assertThat(ok(b).anonymous()).isTrue();
    }

    @Test
    void downPolicies() {
        initialize();
        policy("agent_prefix \"\" { policy = \"read\" }");
        token(SECRET, ACCESSOR, List.of(PolicyLink.ofId(POLICY)), List.of(), List.of(), null);
        Duration ttl = Duration.ofSeconds(30);
        CachingTokenResolver allow = resolver(DefaultPolicy.DENY, DownPolicy.ALLOW, ttl, "", "");
        CachingTokenResolver deny = resolver(DefaultPolicy.DENY, DownPolicy.DENY, ttl, "", "");
        CachingTokenResolver extend = resolver(DefaultPolicy.DENY, DownPolicy.EXTEND_CACHE, ttl, "", "");
        CachingTokenResolver async = resolver(DefaultPolicy.DENY, DownPolicy.ASYNC_CACHE, ttl, "", "");
        CachingTokenResolver coldExtend = resolver(DefaultPolicy.DENY, DownPolicy.EXTEND_CACHE, ttl, "", "");
        for (CachingTokenResolver r : List.of(allow, deny, extend, async)) {
            ok(r.resolve(SECRET));
        }
        down.set(new IllegalStateException("No cluster leader"));
        clock.advance(ttl.plusSeconds(1));
        assertThat(ok(allow.resolve(SECRET)).authorizer().allows(Resource.OPERATOR, AccessLevel.WRITE, null)).isTrue();
        assertThat(ok(deny.resolve(SECRET)).authorizer().allows(Resource.AGENT, AccessLevel.READ, "node1")).isFalse();
        AclIdentity extended = ok(extend.resolve(SECRET));
        assertThat(extended.accessorId()).isEqualTo(ACCESSOR);
        assertThat(extended.authorizer().allows(Resource.AGENT, AccessLevel.READ, "node1")).isTrue();
        assertThat(refused(extend.resolve("99999999-9999-4999-8999-999999999999")).kind())
                .isEqualTo(AclException.Kind.ACL_NOT_FOUND);
        int before = fetches.get();
        assertThat(ok(async.resolve(SECRET)).accessorId()).isEqualTo(ACCESSOR);
        assertThat(fetches.get()).isGreaterThan(before); // refreshed in the background
        // never had a state: nothing to extend
        assertThat(ok(coldExtend.resolve(SECRET)).authorizer().allows(Resource.AGENT, AccessLevel.READ, "node1"))
                .isFalse();
        // back up: fresh state again
        down.set(null);
        policy("agent_prefix \"\" { policy = \"write\" }");
        assertThat(ok(extend.resolve(SECRET)).authorizer().allows(Resource.AGENT, AccessLevel.WRITE, "node1")).isTrue();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now = T0;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
