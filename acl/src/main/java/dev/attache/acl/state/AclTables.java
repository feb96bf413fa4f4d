package dev.attache.acl.state;

import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import java.util.Optional;
import org.pcollections.PMap;
import org.pcollections.TreePMap;

/**
 * The working copy one command edits, with the same lookup rules as {@link AclState}. It starts from the current
 * state's persistent maps and replaces them as it edits, so neither the start nor the publish copies a table. The
 * state machine publishes it as a new {@link AclState} only when the command succeeds, so a refused command never
 * shows.
 */
final class AclTables {
    private TreePMap<String, AclToken> tokens;
    private PMap<String, String> secrets;
    private TreePMap<String, AclPolicy> policies;
    private PMap<String, String> policyNames;
    private PMap<String, String> accessorKeys;
    private PMap<String, String> policyKeys;
    private long tokensIndex;
    private long policiesIndex;
    private long bootstrapIndex;
    private boolean changed;

    AclTables(AclState state) {
        this.tokens = state.tokenMap();
        this.secrets = state.secretMap();
        this.policies = state.policyMap();
        this.policyNames = state.policyNameMap();
        this.accessorKeys = state.accessorKeyMap();
        this.policyKeys = state.policyKeyMap();
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

    Iterable<AclPolicy> policies() {
        return policies.values();
    }

    /** Inserts or replaces the token (matched by its AccessorID) and marks the tokens table changed at index. */
    void putToken(AclToken token, long index) {
        AclToken old = tokens.get(token.accessorId());
        tokens = tokens.plus(token.accessorId(), token);
        if (old != null) {
            secrets = secrets.minus(old.secretId());
        }
        secrets = secrets.plus(token.secretId(), token.accessorId());
        Uuids.indexKey(token.accessorId()).ifPresent(k -> accessorKeys = accessorKeys.plus(k, token.accessorId()));
        tokensIndex = index;
        changed = true;
    }

    void removeToken(AclToken token, long index) {
        tokens = tokens.minus(token.accessorId());
        secrets = secrets.minus(token.secretId());
        Uuids.indexKey(token.accessorId()).ifPresent(k -> accessorKeys = accessorKeys.minus(k));
        tokensIndex = index;
        changed = true;
    }

    /** Inserts or replaces the policy (matched by its ID), keeping the name index right across renames. */
    void putPolicy(AclPolicy policy, long index) {
        AclPolicy old = policies.get(policy.id());
        policies = policies.plus(policy.id(), policy);
        if (old != null) {
            policyNames = policyNames.minus(AclState.nameKey(old.name()));
        }
        policyNames = policyNames.plus(AclState.nameKey(policy.name()), policy.id());
        Uuids.indexKey(policy.id()).ifPresent(k -> policyKeys = policyKeys.plus(k, policy.id()));
        policiesIndex = index;
        changed = true;
    }

    void removePolicy(AclPolicy policy, long index) {
        policies = policies.minus(policy.id());
        policyNames = policyNames.minus(AclState.nameKey(policy.name()));
        Uuids.indexKey(policy.id()).ifPresent(k -> policyKeys = policyKeys.minus(k));
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
        return new AclState(tokens, secrets, policies, policyNames, accessorKeys, policyKeys, tokensIndex,
                policiesIndex, index, bootstrapIndex);
    }
}
