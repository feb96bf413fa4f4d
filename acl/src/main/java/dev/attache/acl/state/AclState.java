package dev.attache.acl.state;

import dev.attache.acl.AclException;
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.PolicyLink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.TreePMap;

/**
 * An immutable snapshot of a datacenter's ACL state: tokens (by AccessorID, with the SecretID index), policies (by
 * ID, with the name index) and the table indexes. {@link AclStateMachine} makes a new snapshot for every write;
 * readers take one and never lock.
 *
 * <p>Lookups behave like Consul's indexes: IDs match on their UUID bytes (hex case and hyphens do not matter),
 * SecretIDs match exactly, and policy names match case-insensitively.
 */
public final class AclState {
    public static final AclState EMPTY = new AclState(Map.of(), Map.of(), Map.of(), Map.of(), 0, 0, 0, 0);

    // Persistent maps: a write shares every unchanged entry with the snapshot before it (O(log n) per write).
    private final TreePMap<String, AclToken> tokens;   // by AccessorID, sorted
    private final PMap<String, String> secrets;         // SecretID -> AccessorID
    private final TreePMap<String, AclPolicy> policies; // by ID, sorted
    private final PMap<String, String> policyNames;     // lower-case name -> ID
    private final PMap<String, String> accessorKeys;    // Uuids.indexKey(AccessorID) -> AccessorID
    private final PMap<String, String> policyKeys;      // Uuids.indexKey(ID) -> ID
    private final long tokensIndex;
    private final long policiesIndex;
    private final long index;
    private final long bootstrapIndex;

    /** {@code policyNames} is keyed by the lower-case name. */
    AclState(Map<String, AclToken> tokens, Map<String, String> secrets, Map<String, AclPolicy> policies,
             Map<String, String> policyNames, long tokensIndex, long policiesIndex, long index,
             long bootstrapIndex) {
        this(TreePMap.from(tokens), HashTreePMap.from(secrets), TreePMap.from(policies),
                HashTreePMap.from(policyNames), keys(tokens.keySet()), keys(policies.keySet()), tokensIndex,
                policiesIndex, index, bootstrapIndex);
    }

    /** The tables as they are: no copy (a write's working copy hands its maps over). */
    AclState(TreePMap<String, AclToken> tokens, PMap<String, String> secrets, TreePMap<String, AclPolicy> policies,
             PMap<String, String> policyNames, PMap<String, String> accessorKeys, PMap<String, String> policyKeys,
             long tokensIndex, long policiesIndex, long index, long bootstrapIndex) {
        this.tokens = tokens;
        this.secrets = secrets;
        this.policies = policies;
        this.policyNames = policyNames;
        this.accessorKeys = accessorKeys;
        this.policyKeys = policyKeys;
        this.tokensIndex = tokensIndex;
        this.policiesIndex = policiesIndex;
        this.index = index;
        this.bootstrapIndex = bootstrapIndex;
    }

    private AclState(AclState tables, long index) {
        this.tokens = tables.tokens;
        this.secrets = tables.secrets;
        this.policies = tables.policies;
        this.policyNames = tables.policyNames;
        this.accessorKeys = tables.accessorKeys;
        this.policyKeys = tables.policyKeys;
        this.tokensIndex = tables.tokensIndex;
        this.policiesIndex = tables.policiesIndex;
        this.index = index;
        this.bootstrapIndex = tables.bootstrapIndex;
    }

    /** The same tables at another command index. */
    AclState withIndex(long newIndex) {
        return new AclState(this, newIndex);
    }

    /** The token with this AccessorID; a malformed ID simply finds nothing. */
    public Optional<AclToken> token(String accessorId) {
        if (accessorId == null) {
            return Optional.empty();
        }
        AclToken exact = tokens.get(accessorId);
        if (exact != null) {
            return Optional.of(exact);
        }
        return Uuids.indexKey(accessorId).map(accessorKeys::get).map(tokens::get);
    }

    /**
     * The token with this AccessorID, refusing a malformed ID as Consul's token read does: {@link AclException}
     * INVALID {@code failed acl token lookup: index error: UUID must be 36 characters}.
     */
    public Optional<AclToken> findToken(String accessorId) {
        Optional<String> error = Uuids.tokenIndexError(accessorId);
        if (error.isPresent()) {
            throw AclException.invalid("failed acl token lookup: index error: " + error.get());
        }
        return token(accessorId);
    }

    public Optional<AclToken> tokenBySecret(String secretId) {
        String accessor = secretId == null ? null : secrets.get(secretId);
        return accessor == null ? Optional.empty() : Optional.ofNullable(tokens.get(accessor));
    }

    /** Every token, expired ones included, sorted by AccessorID. */
    public List<AclToken> tokens() {
        return List.copyOf(tokens.values());
    }

    /**
     * The tokens linking to the policy (for {@code GET /v1/acl/tokens?policy=}), expired ones included, sorted by
     * AccessorID. Deleted policies' links still count, as in Consul's index. A malformed ID is refused with
     * {@link AclException} INVALID {@code failed acl token lookup: index error: ...}.
     */
    public List<AclToken> tokensLinkedTo(String policyId) {
        Optional<String> error = Uuids.tokenIndexError(policyId);
        if (error.isPresent()) {
            throw AclException.invalid("failed acl token lookup: index error: " + error.get());
        }
        String key = Uuids.indexKey(policyId).orElseThrow();
        List<AclToken> out = new ArrayList<>();
        for (AclToken t : tokens.values()) {
            if (t.policies().stream().anyMatch(l -> Uuids.indexKey(l.id()).filter(key::equals).isPresent())) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /** The tokens with a service identity of this name, case-insensitively, sorted by AccessorID. */
    public List<AclToken> tokensWithServiceIdentity(String serviceName) {
        if (serviceName == null) {
            return List.of();
        }
        List<AclToken> out = new ArrayList<>();
        for (AclToken t : tokens.values()) {
            if (t.serviceIdentities().stream().anyMatch(si -> si.serviceName().equalsIgnoreCase(serviceName))) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /** The policy with this ID; a malformed ID simply finds nothing. */
    public Optional<AclPolicy> policy(String id) {
        if (id == null) {
            return Optional.empty();
        }
        AclPolicy exact = policies.get(id);
        if (exact != null) {
            return Optional.of(exact);
        }
        return Uuids.indexKey(id).map(policyKeys::get).map(policies::get);
    }

    /**
     * The policy with this ID, refusing a malformed ID as Consul's policy read does: {@link AclException}
     * INVALID {@code failed acl policy lookup: index error: UUID must be 36 characters}.
     */
    public Optional<AclPolicy> findPolicy(String id) {
        Optional<String> error = Uuids.idIndexError(id);
        if (error.isPresent()) {
            throw AclException.invalid("failed acl policy lookup: index error: " + error.get());
        }
        return policy(id);
    }

    /** The policy with this name, compared case-insensitively as Consul's name index does. */
    public Optional<AclPolicy> policyByName(String name) {
        String id = name == null ? null : policyNames.get(nameKey(name));
        return id == null ? Optional.empty() : Optional.ofNullable(policies.get(id));
    }

    /** Every policy, sorted by ID. */
    public List<AclPolicy> policies() {
        return List.copyOf(policies.values());
    }

    /**
     * The token's policy links as a read shows them: each name filled with the policy's current name, links to
     * deleted policies dropped (consul-behavior.md §5.3).
     */
    public List<PolicyLink> currentPolicyLinks(AclToken token) {
        List<PolicyLink> links = new ArrayList<>(token.policies().size());
        for (AclPolicy p : linkedPolicies(token)) {
            links.add(new PolicyLink(p.id(), p.name()));
        }
        return List.copyOf(links);
    }

    /** The policies the token links to that still exist, in link order. */
    public List<AclPolicy> linkedPolicies(AclToken token) {
        List<AclPolicy> out = new ArrayList<>(token.policies().size());
        for (PolicyLink link : token.policies()) {
            policy(link.id()).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** The highest Raft index that changed the tokens table, deletes included (X-Consul-Index of token reads). */
    public long tokensIndex() {
        return tokensIndex;
    }

    /** The highest Raft index that changed the policies table, deletes included. */
    public long policiesIndex() {
        return policiesIndex;
    }

    /** The Raft index of the last command applied to this state, refused commands included. */
    public long index() {
        return index;
    }

    /** The Raft index of the bootstrap (or of the initial management token), 0 while not bootstrapped. */
    public long bootstrapIndex() {
        return bootstrapIndex;
    }

    /** True once a bootstrap (or the initial management token) happened. */
    public boolean bootstrapped() {
        return bootstrapIndex > 0;
    }

    // package-private accessors for the state machine
    TreePMap<String, AclToken> tokenMap() {
        return tokens;
    }

    PMap<String, String> secretMap() {
        return secrets;
    }

    TreePMap<String, AclPolicy> policyMap() {
        return policies;
    }

    /** Lower-case policy name to ID. */
    PMap<String, String> policyNameMap() {
        return policyNames;
    }

    PMap<String, String> accessorKeyMap() {
        return accessorKeys;
    }

    PMap<String, String> policyKeyMap() {
        return policyKeys;
    }

    static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static PMap<String, String> keys(Iterable<String> ids) {
        Map<String, String> out = new HashMap<>();
        for (String id : ids) {
            Uuids.indexKey(id).ifPresent(k -> out.put(k, id));
        }
        return HashTreePMap.from(out);
    }
}
