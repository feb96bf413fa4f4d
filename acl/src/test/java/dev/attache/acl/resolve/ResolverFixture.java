package dev.attache.acl.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.AclException;
import dev.attache.acl.AclIdentity;
import dev.attache.acl.DefaultPolicy;
import dev.attache.acl.DownPolicy;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real {@link AclStateMachine} fed with commands, a source over it that counts fetches and can be made to fail,
 * and a clock the test moves.
 */
final class ResolverFixture {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String MGMT_ACCESSOR = "0e0e0e0e-1f1f-4a2a-8b3b-4c4c4c4c4c4c";
    static final String MGMT_SECRET = "11111111-2222-4333-8444-555555555555";
    static final String POLICY = "6f1b7a5e-0c3d-4e2f-9a8b-7c6d5e4f3a21";
    static final String SECRET = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    static final String ACCESSOR = "abababab-cdcd-4efe-8f0f-101010101010";
    static final String SECRET_2 = "cccccccc-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    static final String ACCESSOR_2 = "cdcdcdcd-cdcd-4efe-8f0f-101010101010";
    static final String UNKNOWN = "99999999-9999-4999-8999-999999999999";

    final MutableClock clock = new MutableClock();
    final AclStateMachine machine = new AclStateMachine(RulesParser::validate);
    final AtomicInteger fetches = new AtomicInteger();
    final AtomicReference<RuntimeException> down = new AtomicReference<>();
    /** When set, fetches answer this future instead of the machine's state. */
    final AtomicReference<CompletableFuture<AclState>> pending = new AtomicReference<>();
    final AclStateSource source = () -> {
        fetches.incrementAndGet();
        CompletableFuture<AclState> p = pending.get();
        if (p != null) {
            return p;
        }
        RuntimeException e = down.get();
        return e != null ? CompletableFuture.failedFuture(e) : CompletableFuture.completedFuture(machine.state());
    };
    private long index;

    Object apply(AclCommand c) {
        return machine.apply(c, ++index);
    }

    /** Builtin policies, the anonymous token, and a bootstrapped management token {@link #MGMT_SECRET}. */
    ResolverFixture initialize() {
        apply(new AclCommand.Initialize(T0, MGMT_ACCESSOR, MGMT_SECRET));
        return this;
    }

    /** Creates or updates policy {@link #POLICY} ("p") with these rules, in every datacenter. */
    void policy(String rules) {
        policy(rules, List.of());
    }

    void policy(String rules, List<String> datacenters) {
        PolicySpec spec = new PolicySpec("p", "", rules, datacenters);
        apply(machine.state().policy(POLICY).isPresent() ? new AclCommand.PolicyUpdate(POLICY, spec)
                : new AclCommand.PolicyCreate(POLICY, spec));
    }

    AclToken token(String secret, String accessor, List<PolicyLink> policies, List<ServiceIdentity> services,
                   List<NodeIdentity> nodes, Instant expires) {
        return (AclToken) apply(new AclCommand.TokenCreate(clock.instant(), new TokenSpec(accessor, true, secret, true,
                "t", policies, List.of(), services, nodes, false, expires, null)));
    }

    /** {@link #SECRET} / {@link #ACCESSOR} linked to {@link #POLICY}. */
    AclToken tokenWithPolicy() {
        return token(SECRET, ACCESSOR, List.of(PolicyLink.ofId(POLICY)), List.of(), List.of(), null);
    }

    CachingTokenResolver resolver(DefaultPolicy dflt, DownPolicy downPolicy, Duration ttl, String dfltToken,
                                  String recovery) {
        return new CachingTokenResolver(new ResolverConfig("node1", "dc1", dflt, downPolicy, ttl, () -> dfltToken,
                () -> recovery), source, clock);
    }

    /** As a server: the state on every resolve. */
    CachingTokenResolver server(DefaultPolicy dflt) {
        return resolver(dflt, DownPolicy.EXTEND_CACHE, Duration.ZERO, "", "");
    }

    /** As a client agent: a 30 s state TTL. */
    CachingTokenResolver client(DefaultPolicy dflt, DownPolicy downPolicy) {
        return resolver(dflt, downPolicy, Duration.ofSeconds(30), "", "");
    }

    static AclIdentity ok(CompletableFuture<AclIdentity> f) {
        assertThat(f).isCompleted();
        return f.join();
    }

    static AclException refused(CompletableFuture<AclIdentity> f) {
        assertThat(f).isCompletedExceptionally();
        Throwable e = f.handle((v, t) -> t).join();
        while (e.getCause() != null && !(e instanceof AclException)) {
            e = e.getCause();
        }
        assertThat(e).isInstanceOf(AclException.class);
        return (AclException) e;
    }

    /** A clock the test moves; never waits. */
    static final class MutableClock extends Clock {
        private volatile Instant now = T0;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
