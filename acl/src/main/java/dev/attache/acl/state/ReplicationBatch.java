package dev.attache.acl.state;

import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the primary datacenter sends a secondary for one round of ACL replication, applied there as
 * {@link AclCommand.Replicate}. It carries the entries changed since the secondary's last round in full, and the
 * IDs of every entry the primary holds, so the secondary also learns of deletes (which leave no entry behind).
 * Only global tokens travel: Local tokens belong to the datacenter that made them.
 *
 * @param index          the primary's highest table index ({@code max(tokensIndex, policiesIndex)}) when the batch
 *                       was taken; the secondary asks for changes after it in its next round
 * @param policies       the policies whose ModifyIndex is above the requested minimum, sorted by ID
 * @param policyIds      the IDs of all the primary's policies, sorted
 * @param tokensIncluded whether this batch replicates tokens at all (a secondary may replicate policies only)
 * @param tokens         the global tokens, secrets included, whose ModifyIndex is above the requested minimum,
 *                       sorted by AccessorID; empty unless {@code tokensIncluded}
 * @param tokenIds       the AccessorIDs of all the primary's global tokens, sorted; empty unless
 *                       {@code tokensIncluded}
 * @param bootstrapped   whether the primary's ACL system is bootstrapped: a secondary's copy then counts as
 *                       bootstrapped too, so that an unknown token there is plainly {@code ACL not found}
 */
public record ReplicationBatch(long index, List<AclPolicy> policies, List<String> policyIds, boolean tokensIncluded,
                               List<AclToken> tokens, List<String> tokenIds, boolean bootstrapped) {

    /** A batch from a primary that is not bootstrapped. */
    public ReplicationBatch(long index, List<AclPolicy> policies, List<String> policyIds, boolean tokensIncluded,
                            List<AclToken> tokens, List<String> tokenIds) {
        this(index, policies, policyIds, tokensIncluded, tokens, tokenIds, false);
    }

    /**
     * Null lists mean empty. A batch that contradicts itself is refused with {@link IllegalArgumentException}:
     * null entries, a Local token, tokens without {@code tokensIncluded}, or an entry whose ID is not among the
     * batch's IDs (applying it would store it and delete it in the same round).
     */
    public ReplicationBatch {
        policies = copy(policies, "policies");
        policyIds = copy(policyIds, "policyIds");
        tokens = copy(tokens, "tokens");
        tokenIds = copy(tokenIds, "tokenIds");
        if (!tokensIncluded && (!tokens.isEmpty() || !tokenIds.isEmpty())) {
            throw new IllegalArgumentException("a batch without tokensIncluded carries no tokens");
        }
        Set<String> knownPolicies = new HashSet<>(policyIds);
        for (AclPolicy p : policies) {
            if (!knownPolicies.contains(p.id())) {
                throw new IllegalArgumentException("policy " + p.id() + " is not among the batch's policy IDs");
            }
        }
        Set<String> knownTokens = new HashSet<>(tokenIds);
        for (AclToken t : tokens) {
            if (t.local()) {
                throw new IllegalArgumentException("token " + t.accessorId() + " is Local and never replicates");
            }
            if (!knownTokens.contains(t.accessorId())) {
                throw new IllegalArgumentException("token " + t.accessorId()
                        + " is not among the batch's token IDs");
            }
        }
    }

    /**
     * The batch the primary answers with for a secondary that has replicated up to {@code minIndex} (0 for
     * everything). Expired tokens are included as the primary still holds them: the primary's own reaping deletes
     * them, and the delete replicates like any other.
     */
    public static ReplicationBatch since(AclState primary, long minIndex, boolean includeTokens) {
        List<AclPolicy> policies = new ArrayList<>();
        List<String> policyIds = new ArrayList<>();
        for (AclPolicy p : primary.policies()) {
            policyIds.add(p.id());
            if (p.modifyIndex() > minIndex) {
                policies.add(p);
            }
        }
        List<AclToken> tokens = new ArrayList<>();
        List<String> tokenIds = new ArrayList<>();
        if (includeTokens) {
            for (AclToken t : primary.tokens()) {
                if (t.local()) {
                    continue;
                }
                tokenIds.add(t.accessorId());
                if (t.modifyIndex() > minIndex) {
                    tokens.add(t);
                }
            }
        }
        return new ReplicationBatch(Math.max(primary.tokensIndex(), primary.policiesIndex()), policies, policyIds,
                includeTokens, tokens, tokenIds, primary.bootstrapped());
    }

    /**
     * True when applying this batch to {@code local} would change it: the batch is applied to a working copy (the
     * persistent maps make that cheap) by the same rules {@link AclCommand.Replicate} follows, so a secondary
     * commits a round through Raft only when it brings something.
     */
    public boolean changes(AclState local) {
        AclTables trial = new AclTables(local);
        ReplicationCommands.replicate(new AclCommand.Replicate(this), trial, local.index() + 1);
        return trial.changed();
    }

    /** The batch as compact JSON, tokens and policies written as in {@link AclCodec} snapshots. */
    public byte[] encode() {
        return Codec.INSTANCE.encodeBatch(this);
    }

    /** @throws IllegalArgumentException when the bytes are not an encoded batch, or an inconsistent one */
    public static ReplicationBatch decode(byte[] bytes) {
        return Codec.INSTANCE.decodeBatch(bytes);
    }

    private static <T> List<T> copy(List<T> list, String what) {
        if (list == null) {
            return List.of();
        }
        for (T item : list) {
            if (item == null) {
                throw new IllegalArgumentException("null entry in " + what);
            }
        }
        return List.copyOf(list);
    }

    /** Built on first use; {@link AclCodec} is thread-safe. */
    private static final class Codec {
        static final AclCodec INSTANCE = new AclCodec();
    }
}
