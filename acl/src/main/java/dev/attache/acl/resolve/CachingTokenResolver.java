package dev.attache.acl.resolve;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.AclException;
import dev.attache.acl.AclIdentity;
import dev.attache.acl.Authorizer;
import dev.attache.acl.Authorizers;
import dev.attache.acl.ChainedAuthorizer;
import dev.attache.acl.DefaultPolicy;
import dev.attache.acl.DownPolicy;
import dev.attache.acl.PolicyAuthorizer;
import dev.attache.acl.Resource;
import dev.attache.acl.TokenResolver;
import dev.attache.acl.rules.Rules;
import dev.attache.acl.rules.RulesParser;
import dev.attache.acl.rules.SyntheticPolicies;
import dev.attache.acl.state.AclState;
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token resolution as Consul's agents do it (consul-behavior.md §2.1, §2.2, §6.4, §6.5, §9.4).
 *
 * <ol>
 *   <li>The effective secret: the request's, else the agent's default token, else {@code anonymous}.</li>
 *   <li>{@code allow}, {@code deny}, {@code manage} → {@code Cannot resolve root ACL}.</li>
 *   <li>The agent recovery token → {@code agent "<node>"} write + {@code node_prefix ""} read, everything else
 *       denied, without the state; AccessorID {@code agent-recovery:<node>}.</li>
 *   <li>Otherwise the token in the ACL state: its linked policies and its identities' synthetic policies that apply
 *       in this datacenter, chained with the default policy. Unknown or expired → {@code ACL not found} (on a
 *       never-bootstrapped state, Consul's longer text). A missing anonymous token is synthesised with no
 *       policies.</li>
 * </ol>
 *
 * <p><b>Caching.</b> Identities are cached per secret for one state index: the cache is a generation keyed by
 * {@link AclState#index()}, replaced as soon as a resolve sees another index, so a policy or token write changes
 * the next decision. A hit is a map lookup, an expiry comparison (only for tokens that expire) and a shared,
 * completed future. Concurrent misses for one secret share one computation; each policy's rules are compiled once
 * per (ID, ModifyIndex).
 *
 * <p><b>The state.</b> With a zero {@link ResolverConfig#stateTtl()} (servers, whose source is their replica) the
 * source is asked on every resolve. With a positive one (client agents) a snapshot is reused for that long (a token
 * unknown to a reused snapshot asks once more, as it may be newer); concurrent fetches are coalesced;
 * {@link #invalidate()} forces the next fetch. When a fetch fails, {@code down_policy} decides, as in Consul's
 * {@code ACLResolver}: {@code allow} → everything but ACL management, {@code deny} → nothing, {@code extend-cache}
 * → the last good snapshot ({@code async-cache}: the same, and a stale snapshot is answered at once while a fetch
 * runs in the background). A token the last snapshot does not know, or any token when there is no snapshot yet,
 * gets Consul's down authorizer for the cache policies: the default policy's ({@code allow} → everything but ACL
 * management, {@code deny} → nothing), with AccessorID {@code primary-dc-down}.
 *
 * <p>Nothing here blocks a thread; every answer is a future.
 */
public final class CachingTokenResolver implements TokenResolver {
    private static final Logger log = LoggerFactory.getLogger(CachingTokenResolver.class);
    private static final Set<String> ROOT_NAMES = Set.of("allow", "deny", "manage");
    /** Consul's {@code missingIdentity} reason, shown as the AccessorID of what the down policy answers. */
    static final String DOWN_ACCESSOR_ID = "primary-dc-down";
    static final String NOT_FOUND = "ACL not found";
    static final String NOT_BOOTSTRAPPED =
            "ACL system must be bootstrapped before making any requests that require authorization: ACL not found";
    private static final String ROOT_DENIED = "Cannot resolve root ACL";

    private final ResolverConfig config;
    private final AclStateSource source;
    private final Clock clock;
    private final long ttlMillis;
    private final Authorizer defaults;
    private final CompletableFuture<AclIdentity> downAllow;
    private final CompletableFuture<AclIdentity> downDeny;
    private final CompletableFuture<AclIdentity> downDefault;
    private final AtomicReference<Generation> generation = new AtomicReference<>(new Generation(Long.MIN_VALUE));
    private final ConcurrentHashMap<String, Compiled> compiled = new ConcurrentHashMap<>();
    private final AtomicReference<CompletableFuture<AclState>> inflight = new AtomicReference<>();
    private final AtomicLong compilations = new AtomicLong();
    private volatile Snapshot snapshot;
    private volatile Recovery recovery;

    /** The identities resolved against one state index. */
    private record Generation(long index, ConcurrentHashMap<String, CompletableFuture<Resolved>> entries) {
        Generation(long index) {
            this(index, new ConcurrentHashMap<>());
        }
    }

    /** A resolved token: its identity (as a shared completed future) and when it expires (null: never). */
    private record Resolved(CompletableFuture<AclIdentity> identity, Instant expiresAt) {
    }

    /** A policy's rules, compiled for one ModifyIndex. */
    private record Compiled(long modifyIndex, String text, Rules rules) {
    }

    /** The last state fetched, and when (client agents' TTL; the down policies' fallback). */
    private record Snapshot(AclState state, long fetchedAtMillis) {
    }

    /** The agent recovery token's identity, built once per secret. */
    private record Recovery(String secret, CompletableFuture<AclIdentity> identity) {
    }

    public CachingTokenResolver(ResolverConfig config, AclStateSource source) {
        this(config, source, Clock.systemUTC());
    }

    /** With the clock that TTLs and token expiry are measured on (tests). */
    public CachingTokenResolver(ResolverConfig config, AclStateSource source, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttlMillis = config.stateTtl().toMillis();
        this.defaults = config.defaultPolicy().authorizer();
        this.downAllow = identity(DOWN_ACCESSOR_ID, Authorizers.allowAll());
        this.downDeny = identity(DOWN_ACCESSOR_ID, Authorizers.denyAll());
        this.downDefault = identity(DOWN_ACCESSOR_ID,
                config.defaultPolicy() == DefaultPolicy.ALLOW ? Authorizers.allowAll() : Authorizers.denyAll());
    }

    @Override
    public CompletableFuture<AclIdentity> resolve(String secretId) {
        String secret = secretId;
        if (secret == null || secret.isEmpty()) {
            secret = config.defaultToken().get();
            if (secret == null || secret.isEmpty()) {
                secret = AclToken.ANONYMOUS_SECRET_ID;
            }
        }
        if (ROOT_NAMES.contains(secret)) {
            return CompletableFuture.failedFuture(AclException.invalid(ROOT_DENIED));
        }
        String recoverySecret = config.agentRecoveryToken().get();
        if (recoverySecret != null && !recoverySecret.isEmpty() && recoverySecret.equals(secret)) {
            return recovery(recoverySecret);
        }
        return ttlMillis <= 0 ? resolveEveryTime(secret) : resolveWithTtl(secret);
    }

    /** Forgets how fresh the state snapshot is: the next resolve asks the source (after a write through here). */
    public void invalidate() {
        Snapshot snap = snapshot;
        if (snap != null) {
            snapshot = new Snapshot(snap.state(), Long.MIN_VALUE / 2);
        }
    }

    // ---- the state ----

    /** Servers: the source answers from the local replica, usually already complete. */
    private CompletableFuture<AclIdentity> resolveEveryTime(String secret) {
        CompletableFuture<AclState> f = stateFromSource();
        if (f.isDone() && !f.isCompletedExceptionally()) {
            return fromState(secret, remember(f.join()));
        }
        return f.handle((state, e) -> e == null ? fromState(secret, remember(state)) : whenDown(secret, e))
                .thenCompose(x -> x);
    }

    /** Client agents: reuse the snapshot for the TTL. */
    private CompletableFuture<AclIdentity> resolveWithTtl(String secret) {
        Snapshot snap = snapshot;
        if (snap != null) {
            boolean fresh = clock.millis() - snap.fetchedAtMillis() < ttlMillis;
            if (!fresh && config.downPolicy() == DownPolicy.ASYNC_CACHE) {
                fetch(); // refreshed in the background; the stale snapshot answers now
                fresh = true;
            }
            if (fresh) {
                CompletableFuture<AclIdentity> known = fromState(secret, snap.state());
                if (!known.isCompletedExceptionally()) {
                    return known; // computed or being computed; unknown tokens ask the source below
                }
            }
        }
        return fetch().handle((state, e) -> e == null ? fromState(secret, state) : whenDown(secret, e))
                .thenCompose(x -> x);
    }

    /** One fetch at a time; concurrent callers share it. A success becomes the snapshot. */
    private CompletableFuture<AclState> fetch() {
        while (true) {
            CompletableFuture<AclState> running = inflight.get();
            if (running != null) {
                return running;
            }
            CompletableFuture<AclState> mine = new CompletableFuture<>();
            if (inflight.compareAndSet(null, mine)) {
                stateFromSource().whenComplete((state, e) -> {
                    if (e == null) {
                        snapshot = new Snapshot(state, clock.millis());
                    }
                    inflight.compareAndSet(mine, null);
                    if (e == null) {
                        mine.complete(state);
                    } else {
                        mine.completeExceptionally(e);
                    }
                });
                return mine;
            }
        }
    }

    private CompletableFuture<AclState> stateFromSource() {
        try {
            CompletableFuture<AclState> f = source.state();
            return f != null ? f : CompletableFuture.failedFuture(new IllegalStateException("no ACL state"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A server's state, kept as the down policies' fallback (a new object only when the state changed). */
    private AclState remember(AclState state) {
        Snapshot last = snapshot;
        if (last == null || last.state() != state) {
            snapshot = new Snapshot(state, clock.millis());
        }
        return state;
    }

    /** The down policy's answer while the state cannot be had. */
    private CompletableFuture<AclIdentity> whenDown(String secret, Throwable cause) {
        log.debug("{}: acl: cannot get the ACL state ({}); down_policy {}", config.nodeName(), cause.toString(),
                config.downPolicy().word());
        return switch (config.downPolicy()) {
            case ALLOW -> downAllow;
            case DENY -> downDeny;
            case EXTEND_CACHE, ASYNC_CACHE -> {
                Snapshot snap = snapshot;
                if (snap == null) {
                    yield downDefault;
                }
                CompletableFuture<AclIdentity> known = fromState(secret, snap.state());
                yield known.isCompletedExceptionally() ? downDefault : known;
            }
        };
    }

    // ---- identities ----

    /** The secret's identity in {@code state}, failed with ACL_NOT_FOUND when unknown or expired. */
    private CompletableFuture<AclIdentity> fromState(String secret, AclState state) {
        Generation g = generation(state);
        CompletableFuture<Resolved> f = g.entries().get(secret);
        if (f == null) {
            CompletableFuture<Resolved> mine = new CompletableFuture<>();
            f = g.entries().putIfAbsent(secret, mine);
            if (f == null) {
                f = mine;
                compute(secret, state, g, mine);
            }
        }
        if (!f.isDone()) {
            // another thread is computing it for this generation: share its answer
            return f.thenCompose(r -> answer(r, state));
        }
        Resolved r;
        try {
            r = f.join();
        } catch (CompletionException e) {
            return CompletableFuture.failedFuture(e.getCause()); // unknown token (or a failed computation)
        }
        return answer(r, state);
    }

    private CompletableFuture<AclIdentity> answer(Resolved r, AclState state) {
        if (r.expiresAt() != null && r.expiresAt().isBefore(clock.instant())) {
            return CompletableFuture.failedFuture(notFound(state));
        }
        return r.identity();
    }

    private void compute(String secret, AclState state, Generation g, CompletableFuture<Resolved> mine) {
        try {
            Resolved r = resolved(secret, state);
            if (r == null) {
                g.entries().remove(secret, mine); // unknown tokens are not remembered
                mine.completeExceptionally(notFound(state));
            } else {
                mine.complete(r);
            }
        } catch (RuntimeException e) {
            log.warn("{}: acl: resolving a token failed", config.nodeName(), e);
            g.entries().remove(secret, mine);
            mine.completeExceptionally(e);
        }
    }

    /** The generation for this state's index, starting a new one when the index moved (either way). */
    private Generation generation(AclState state) {
        long index = state.index();
        while (true) {
            Generation g = generation.get();
            if (g.index() == index) {
                return g;
            }
            Generation fresh = new Generation(index);
            if (generation.compareAndSet(g, fresh)) {
                pruneCompiled(state);
                return fresh;
            }
        }
    }

    /** A fresh resolution, or null for an unknown or expired token. */
    private Resolved resolved(String secret, AclState state) {
        AclToken token = state.tokenBySecret(secret).orElse(null);
        if (token == null) {
            if (secret.equals(AclToken.ANONYMOUS_SECRET_ID)) {
                // ACLs not initialised yet: the anonymous token exists implicitly, with no policies
                return new Resolved(CompletableFuture.completedFuture(
                        new AclIdentity(AclToken.ANONYMOUS_ACCESSOR_ID, true, defaults)), null);
            }
            return null;
        }
        if (token.expiredAt(clock.instant())) {
            return null;
        }
        List<Rules> rules = new ArrayList<>();
        for (AclPolicy p : state.linkedPolicies(token)) {
            if (p.appliesIn(config.datacenter())) {
                rules.add(rules(p));
            }
        }
        for (SyntheticPolicies.Synthetic s : SyntheticPolicies.forToken(token)) {
            if (s.appliesIn(config.datacenter())) {
                rules.add(s.rules());
            }
        }
        Authorizer authorizer = rules.isEmpty() ? defaults : ChainedAuthorizer.of(PolicyAuthorizer.of(rules), defaults);
        return new Resolved(CompletableFuture.completedFuture(
                new AclIdentity(token.accessorId(), token.isAnonymous(), authorizer)), token.expirationTime());
    }

    /** The policy's rules, compiled once per (ID, ModifyIndex). */
    private Rules rules(AclPolicy p) {
        Compiled c = compiled.get(p.id());
        if (c != null && c.modifyIndex() == p.modifyIndex() && c.text().equals(p.rules())) {
            return c.rules();
        }
        Rules r;
        compilations.incrementAndGet();
        try {
            r = RulesParser.parse(p.rules());
        } catch (AclException e) {
            // validated when written; a rule text this version refuses grants nothing rather than failing requests
            log.warn("{}: acl: policy {} ({}) has rules that do not parse, ignoring them: {}", config.nodeName(),
                    p.name(), p.id(), e.getMessage());
            r = Rules.EMPTY;
        }
        compiled.put(p.id(), new Compiled(p.modifyIndex(), p.rules(), r));
        return r;
    }

    /** Drops compiled rules of policies that are gone, when they clearly outnumber the live ones. */
    private void pruneCompiled(AclState state) {
        if (compiled.size() > 2 * state.policies().size() + 64) {
            compiled.keySet().removeIf(id -> state.policy(id).isEmpty());
        }
    }

    /** How many policy rule texts were compiled so far (tests). */
    long compilations() {
        return compilations.get();
    }

    private static AclException notFound(AclState state) {
        return AclException.aclNotFound(state.bootstrapped() ? NOT_FOUND : NOT_BOOTSTRAPPED);
    }

    /** {@code agent "<node>"} write + {@code node_prefix ""} read, everything else denied, without the state. */
    private CompletableFuture<AclIdentity> recovery(String secret) {
        Recovery r = recovery;
        if (r == null || !r.secret().equals(secret)) {
            Rules rules = Rules.builder()
                    .exact(Resource.AGENT, config.nodeName(), AccessLevel.WRITE)
                    .prefix(Resource.NODE, "", AccessLevel.READ)
                    .build();
            r = new Recovery(secret, identity("agent-recovery:" + config.nodeName(),
                    ChainedAuthorizer.of(PolicyAuthorizer.of(List.of(rules)), Authorizers.denyAll())));
            recovery = r;
        }
        return r.identity();
    }

    private static CompletableFuture<AclIdentity> identity(String accessorId, Authorizer authorizer) {
        return CompletableFuture.completedFuture(new AclIdentity(accessorId, false, authorizer));
    }
}
