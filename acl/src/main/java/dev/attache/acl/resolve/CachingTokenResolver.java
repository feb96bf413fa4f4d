package dev.attache.acl.resolve;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.AclException;
import dev.attache.acl.AclIdentity;
import dev.attache.acl.Authorizer;
import dev.attache.acl.Authorizers;
import dev.attache.acl.ChainedAuthorizer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token resolution as Consul's agents do it (consul-behavior.md §2.1, §2.2, §6.4, §6.5, §9.4): the effective
 * secret (the request's, else the agent's default token, else {@code anonymous}) becomes an {@link AclIdentity}
 * whose authorizer chains the token's policies and identities with the default policy.
 *
 * <p>Caching: a resolved identity is kept per secret for as long as the state's index does not move, so the cache
 * follows every change to the state; a policy's rules are parsed once per rules text. Concurrent misses for one
 * secret compute once. With a positive {@link ResolverConfig#stateTtl()} (client agents) the state snapshot itself
 * is reused for that long, a token unknown to a reused snapshot triggers one fresh fetch, concurrent fetches are
 * coalesced, and a failed fetch follows the down policy. Nothing here blocks a thread.
 */
public final class CachingTokenResolver implements TokenResolver {
    private static final Logger log = LoggerFactory.getLogger(CachingTokenResolver.class);
    private static final Set<String> ROOT_NAMES = Set.of("allow", "deny", "manage");
    private static final int MAX_COMPILED = 10_000;
    static final String NOT_BOOTSTRAPPED =
            "ACL system must be bootstrapped before making any requests that require authorization: ACL not found";

    private final ResolverConfig config;
    private final AclStateSource source;
    private final Clock clock;
    private final long ttlMillis;
    private final Authorizer defaults;
    private final ConcurrentHashMap<String, Entry> identities = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Rules> compiled = new ConcurrentHashMap<>();
    private final AtomicReference<CompletableFuture<AclState>> inflight = new AtomicReference<>();
    private volatile long cachedIndex = -1;
    private volatile Snapshot snapshot;
    private volatile Recovery recovery;

    /** A resolved identity, valid while the state is at {@code index}; {@code expiresAtMillis} MAX = never. */
    private record Entry(long index, AclIdentity identity, long expiresAtMillis) {
    }

    /** The last state fetched, and when. */
    private record Snapshot(AclState state, long fetchedAtMillis) {
    }

    /** The identity of the agent recovery token, built once per secret. */
    private record Recovery(String secret, AclIdentity identity) {
    }

    public CachingTokenResolver(ResolverConfig config, AclStateSource source) {
        this(config, source, Clock.systemUTC());
    }

    /** With a clock for TTLs and expiry (tests). */
    public CachingTokenResolver(ResolverConfig config, AclStateSource source, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttlMillis = config.stateTtl().toMillis();
        this.defaults = config.defaultPolicy().authorizer();
    }

    @Override
    public CompletableFuture<AclIdentity> resolve(String secretId) {
        String secret = secretId == null || secretId.isEmpty() ? config.defaultToken().get() : secretId;
        if (secret == null || secret.isEmpty()) {
            secret = AclToken.ANONYMOUS_SECRET_ID;
        }
        if (ROOT_NAMES.contains(secret)) {
            return CompletableFuture.failedFuture(AclException.invalid("Cannot resolve root ACL"));
        }
        String recoverySecret = config.agentRecoveryToken().get();
        if (recoverySecret != null && !recoverySecret.isEmpty() && recoverySecret.equals(secret)) {
            return CompletableFuture.completedFuture(recoveryIdentity(recoverySecret));
        }
        String s = secret;
        if (ttlMillis <= 0) {
            return source.state().handle((state, e) -> {
                if (e != null) {
                    return whenDown(s, e);
                }
                Snapshot last = snapshot;
                if (last == null || last.state() != state) {
                    snapshot = new Snapshot(state, 0);
                }
                return identity(s, state);
            });
        }
        Snapshot snap = snapshot;
        if (snap != null && clock.millis() - snap.fetchedAtMillis() < ttlMillis) {
            AclIdentity known = identityOrNull(s, snap.state());
            if (known != null) {
                return CompletableFuture.completedFuture(known);
            }
        } else if (snap != null && config.downPolicy() == DownPolicy.ASYNC_CACHE) {
            fetch();
            AclIdentity known = identityOrNull(s, snap.state());
            if (known != null) {
                return CompletableFuture.completedFuture(known);
            }
        }
        return fetch().handle((state, e) -> e != null ? whenDown(s, e) : identity(s, state));
    }

    /** Forgets the snapshot's freshness: the next resolve asks the source (after a write through this agent). */
    public void invalidate() {
        Snapshot snap = snapshot;
        if (snap != null) {
            snapshot = new Snapshot(snap.state(), Long.MIN_VALUE / 2);
        }
    }

    // ---- the state ----

    private CompletableFuture<AclState> fetch() {
        while (true) {
            CompletableFuture<AclState> running = inflight.get();
            if (running != null) {
                return running;
            }
            CompletableFuture<AclState> mine = new CompletableFuture<>();
            if (inflight.compareAndSet(null, mine)) {
                source.state().whenComplete((state, e) -> {
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

    /** The down policy's answer while the state cannot be had. */
    private AclIdentity whenDown(String secret, Throwable cause) {
        log.debug("acl: cannot get the ACL state ({}); down_policy {}", cause.toString(), config.downPolicy().word());
        return switch (config.downPolicy()) {
            case ALLOW -> new AclIdentity("", false, Authorizers.manageAll());
            case DENY -> new AclIdentity("", false, Authorizers.denyAll());
            case EXTEND_CACHE, ASYNC_CACHE -> {
                Snapshot snap = snapshot;
                yield snap != null ? identity(secret, snap.state()) : new AclIdentity("", false, Authorizers.denyAll());
            }
        };
    }

    // ---- identities ----

    /** The identity of {@code secret} in {@code state}; throws {@link AclException} ACL_NOT_FOUND when unknown. */
    private AclIdentity identity(String secret, AclState state) {
        AclIdentity id = identityOrNull(secret, state);
        if (id == null) {
            throw AclException.aclNotFound(state.bootstrapped() ? "ACL not found" : NOT_BOOTSTRAPPED);
        }
        return id;
    }

    private AclIdentity identityOrNull(String secret, AclState state) {
        long index = state.index();
        if (index != cachedIndex) {
            identities.clear();
            cachedIndex = index;
        }
        Entry e = identities.get(secret);
        if (e == null || e.index() != index) {
            e = identities.compute(secret, (k, old) -> old != null && old.index() == index ? old : entry(k, state));
        }
        if (e == null || (e.expiresAtMillis() != Long.MAX_VALUE && clock.millis() > e.expiresAtMillis())) {
            return null;
        }
        return e.identity();
    }

    /** A fresh entry, or null (no mapping) for an unknown or expired token. */
    private Entry entry(String secret, AclState state) {
        AclToken token = state.tokenBySecret(secret).orElse(null);
        if (token == null && secret.equals(AclToken.ANONYMOUS_SECRET_ID)) {
            // not initialized yet: the anonymous token has no policies
            return new Entry(state.index(), new AclIdentity(AclToken.ANONYMOUS_ACCESSOR_ID, true, defaults),
                    Long.MAX_VALUE);
        }
        if (token == null || token.expiredAt(clock.instant())) {
            return null;
        }
        List<Rules> rules = new ArrayList<>();
        for (AclPolicy p : state.linkedPolicies(token)) {
            if (p.appliesIn(config.datacenter())) {
                rules.add(rules(p));
            }
        }
        for (AclPolicy p : SyntheticPolicies.of(token)) {
            if (p.appliesIn(config.datacenter())) {
                rules.add(rules(p));
            }
        }
        Authorizer authorizer = rules.isEmpty() ? defaults : ChainedAuthorizer.of(PolicyAuthorizer.of(rules), defaults);
        long expires = token.expirationTime() == null ? Long.MAX_VALUE : token.expirationTime().toEpochMilli();
        return new Entry(state.index(), new AclIdentity(token.accessorId(), token.isAnonymous(), authorizer), expires);
    }

    private Rules rules(AclPolicy p) {
        Rules r = compiled.get(p.rules());
        if (r != null) {
            return r;
        }
        try {
            r = RulesParser.parse(p.rules());
        } catch (AclException e) {
            log.warn("acl: policy {} ({}) has rules that no longer parse, ignoring them: {}", p.name(), p.id(),
                    e.getMessage());
            r = Rules.EMPTY;
        }
        if (compiled.size() >= MAX_COMPILED) {
            compiled.clear();
        }
        compiled.put(p.rules(), r);
        return r;
    }

    /** {@code agent "<node>" write} + {@code node_prefix "" read}, everything else denied, without the state. */
    private AclIdentity recoveryIdentity(String secret) {
        Recovery r = recovery;
        if (r == null || !r.secret().equals(secret)) {
            Rules rules = new Rules(List.of(
                    new Rules.Rule(Resource.AGENT, config.nodeName(), false, AccessLevel.WRITE),
                    new Rules.Rule(Resource.NODE, "", true, AccessLevel.READ)));
            r = new Recovery(secret, new AclIdentity("agent-recovery:" + config.nodeName(), false,
                    ChainedAuthorizer.of(PolicyAuthorizer.of(List.of(rules)), Authorizers.denyAll())));
            recovery = r;
        }
        return r.identity();
    }
}
