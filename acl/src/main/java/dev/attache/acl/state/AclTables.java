package dev.attache.acl.state;

import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The mutable working copy one command edits: a copy of the current {@link AclState}'s tables with the same
 * lookup rules. The state machine publishes it as a new {@link AclState} only when the command succeeds, so a
 * refused command never shows.
 */
final class AclTables {
    private final Map<String, AclToken> tokens;
    private final Map<String, String> secrets;
    private final Map<String, AclPolicy> policies;
    private final Map<String, String> policyNames;
    private final Map<String, String> accessorKeys = new HashMap<>();
    private final Map<String, String> policyKeys = new HashMap<>();
    private long tokensIndex;
    private long policiesIndex;
    private long bootstrapIndex;
    private boolean changed;

    AclTables(AclState state) {
        this.tokens = new TreeMap<>(state.tokenMap());
        this.secrets = new HashMap<>(state.secretMap());
        this.policies = new TreeMap<>(state.policyMap());
        this.policyNames = new HashMap<>(state.policyNameMap());
        tokens.keySet().forEach(id -> Uuids.indexKey(id).ifPresent(k -> accessorKeys.put(k, id)));
        policies.keySet().forEach(id -> Uuids.indexKey(id).ifPresent(k -> policyKeys.put(k, id)));
        this.tokensIndex = state.tokensIndex();
        this.policiesIndex = state.policiesIndex();
        this.bootstrapIndex = state.bootstrapIndex();
    }

    /** The token with this AccessorID (exact, or by UUID bytes). */
    Optional<AclToken> token(String accessorId) {
        if (accessorId == null) {
            return Optional.empty();
        }
        AclToken exact = tokens.get(accessorId);
        if (exact != null) {
            return Optional.of(exact);
        }
        return Uuids.indexKey(accessorId).map(accessorKeys::get).map(tokens::get);
    }

    Optional<AclToken> tokenBySecret(String secretId) {
        return Optional.ofNullable(secrets.get(secretId)).map(tokens::get);
    }

    /** Consul's {@code tokenIDInUse}: the ID is an existing AccessorID or an existing SecretID. */
    boolean tokenIdInUse(String id) {
        return token(id).isPresent() || tokenBySecret(id).isPresent();
    }

    Optional<AclPolicy> policy(String id) {
        if (id == null) {
            return Optional.empty();
        }
        AclPolicy exact = policies.get(id);
        if (exact != null) {
            return Optional.of(exact);
        }
        return Uuids.indexKey(id).map(policyKeys::get).map(policies::get);
    }

    Optional<AclPolicy> policyByName(String name) {
        return Optional.ofNullable(policyNames.get(AclState.nameKey(name))).map(policies::get);
    }

    Iterable<AclToken> tokens() {
        return tokens.values();
    }

    /** Inserts or replaces the token (matched by its AccessorID) and marks the tokens table changed at index. */
    void putToken(AclToken token, long index) {
        AclToken old = tokens.put(token.accessorId(), token);
        if (old != null) {
            secrets.remove(old.secretId());
        }
        secrets.put(token.secretId(), token.accessorId());
        Uuids.indexKey(token.accessorId()).ifPresent(k -> accessorKeys.put(k, token.accessorId()));
        tokensIndex = index;
        changed = true;
    }

    void removeToken(AclToken token, long index) {
        tokens.remove(token.accessorId());
        secrets.remove(token.secretId());
        Uuids.indexKey(token.accessorId()).ifPresent(accessorKeys::remove);
        tokensIndex = index;
        changed = true;
    }

    /** Inserts or replaces the policy (matched by its ID), keeping the name index right across renames. */
    void putPolicy(AclPolicy policy, long index) {
        AclPolicy old = policies.put(policy.id(), policy);
        if (old != null) {
            policyNames.remove(AclState.nameKey(old.name()));
        }
        policyNames.put(AclState.nameKey(policy.name()), policy.id());
        Uuids.indexKey(policy.id()).ifPresent(k -> policyKeys.put(k, policy.id()));
        policiesIndex = index;
        changed = true;
    }

    void removePolicy(AclPolicy policy, long index) {
        policies.remove(policy.id());
        policyNames.remove(AclState.nameKey(policy.name()));
        Uuids.indexKey(policy.id()).ifPresent(policyKeys::remove);
        policiesIndex = index;
        changed = true;
    }

    long bootstrapIndex() {
        return bootstrapIndex;
    }

    void markBootstrapped(long index) {
        bootstrapIndex = index;
        changed = true;
    }

    /** True once any table or the bootstrap index changed. */
    boolean changed() {
        return changed;
    }

    AclState toState(long index) {
        return new AclState(tokens, secrets, policies, policyNames, tokensIndex, policiesIndex, index,
                bootstrapIndex);
    }
}
