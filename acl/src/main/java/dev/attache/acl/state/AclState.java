package dev.attache.acl.state;

import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.PolicyLink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable snapshot of a datacenter's ACL state: tokens (by AccessorID, with the SecretID index), policies (by
 * ID, with the name index) and the table indexes. {@link AclStateMachine} makes a new snapshot for every write;
 * readers take one and never lock.
 */
public final class AclState {
    public static final AclState EMPTY = new AclState(Map.of(), Map.of(), Map.of(), Map.of(), 0, 0, 0, 0);

    private final Map<String, AclToken> tokens;        // by AccessorID, sorted
    private final Map<String, String> secrets;         // SecretID -> AccessorID
    private final Map<String, AclPolicy> policies;     // by ID, sorted
    private final Map<String, String> policyNames;     // name -> ID
    private final long tokensIndex;
    private final long policiesIndex;
    private final long index;
    private final long bootstrapIndex;

    AclState(Map<String, AclToken> tokens, Map<String, String> secrets, Map<String, AclPolicy> policies,
             Map<String, String> policyNames, long tokensIndex, long policiesIndex, long index,
             long bootstrapIndex) {
        this.tokens = Collections.unmodifiableMap(new TreeMap<>(tokens));
        this.secrets = Map.copyOf(secrets);
        this.policies = Collections.unmodifiableMap(new TreeMap<>(policies));
        this.policyNames = Map.copyOf(policyNames);
        this.tokensIndex = tokensIndex;
        this.policiesIndex = policiesIndex;
        this.index = index;
        this.bootstrapIndex = bootstrapIndex;
    }

    public Optional<AclToken> token(String accessorId) {
        return Optional.ofNullable(tokens.get(accessorId));
    }

    public Optional<AclToken> tokenBySecret(String secretId) {
        String accessor = secrets.get(secretId);
        return accessor == null ? Optional.empty() : Optional.ofNullable(tokens.get(accessor));
    }

    /** Every token, expired ones included, sorted by AccessorID. */
    public List<AclToken> tokens() {
        return List.copyOf(tokens.values());
    }

    public Optional<AclPolicy> policy(String id) {
        return Optional.ofNullable(policies.get(id));
    }

    public Optional<AclPolicy> policyByName(String name) {
        String id = policyNames.get(name);
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
        for (PolicyLink link : token.policies()) {
            AclPolicy p = policies.get(link.id());
            if (p != null) {
                links.add(new PolicyLink(p.id(), p.name()));
            }
        }
        return List.copyOf(links);
    }

    /** The policies the token links to that still exist, in link order. */
    public List<AclPolicy> linkedPolicies(AclToken token) {
        List<AclPolicy> out = new ArrayList<>(token.policies().size());
        for (PolicyLink link : token.policies()) {
            AclPolicy p = policies.get(link.id());
            if (p != null) {
                out.add(p);
            }
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

    /** The Raft index of the last command applied to this state. */
    public long index() {
        return index;
    }

    /** The Raft index of the bootstrap (or of the initial management token), 0 while not bootstrapped. */
    public long bootstrapIndex() {
        return bootstrapIndex;
    }

    // package-private accessors for the state machine
    Map<String, AclToken> tokenMap() {
        return tokens;
    }

    Map<String, String> secretMap() {
        return secrets;
    }

    Map<String, AclPolicy> policyMap() {
        return policies;
    }

    Map<String, String> policyNameMap() {
        return policyNames;
    }
}
