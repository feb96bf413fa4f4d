package dev.attache.acl.state;

import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A secondary datacenter's side of ACL replication, following Consul's replicated policy and token writes: each
 * entry of the primary's batch is stored unless the local copy already has the same content, and local entries
 * the primary no longer holds are deleted. Stored entries get this datacenter's Raft indexes (CreateIndex kept
 * from the local copy, else the apply index; ModifyIndex the apply index), so an unchanged batch changes no entry
 * and no table index. Local tokens are never read from the batch, overwritten or deleted.
 */
final class ReplicationCommands {
    private ReplicationCommands() {
    }

    static Boolean replicate(AclCommand.Replicate cmd, AclTables tables, long index) {
        ReplicationBatch batch = cmd.batch();
        replicatePolicies(batch, tables, index);
        if (batch.tokensIncluded()) {
            replicateTokens(batch, tables, index);
        }
        if (batch.bootstrapped() && tables.bootstrapIndex() == 0) {
            tables.markBootstrapped(index);
        }
        return Boolean.TRUE;
    }

    private static void replicatePolicies(ReplicationBatch batch, AclTables tables, long index) {
        // Policies removed this round to free a name, so that one arriving later in the batch keeps its CreateIndex.
        Map<String, AclPolicy> displaced = new HashMap<>();
        for (AclPolicy remote : batch.policies()) {
            Optional<AclPolicy> local = tables.policy(remote.id());
            if (local.isPresent() && samePolicy(local.get(), remote)) {
                continue;
            }
            if (local.isPresent() && !local.get().id().equals(remote.id())) {
                // the same UUID spelled otherwise: replace it, or its ID index entry would outlive the delete
                tables.removePolicy(local.get(), index);
            }
            Optional<AclPolicy> nameOwner = tables.policyByName(remote.name());
            if (nameOwner.isPresent() && !nameOwner.get().id().equals(remote.id())) {
                // a rename in the primary reached us before the rename or delete that freed the name there
                displaced.put(nameOwner.get().id(), nameOwner.get());
                tables.removePolicy(nameOwner.get(), index);
            }
            long createIndex = local.or(() -> Optional.ofNullable(displaced.get(remote.id())))
                    .map(AclPolicy::createIndex).orElse(index);
            tables.putPolicy(new AclPolicy(remote.id(), remote.name(), remote.description(), remote.rules(),
                    remote.datacenters(), remote.hash(), createIndex, index), index);
        }
        Set<String> kept = new HashSet<>(batch.policyIds());
        List<AclPolicy> gone = new ArrayList<>();
        for (AclPolicy p : tables.policies()) {
            if (!kept.contains(p.id())) {
                gone.add(p);
            }
        }
        gone.forEach(p -> tables.removePolicy(p, index));
    }

    private static void replicateTokens(ReplicationBatch batch, AclTables tables, long index) {
        for (AclToken remote : batch.tokens()) {
            Optional<AclToken> local = tables.token(remote.accessorId());
            Optional<AclToken> secretOwner = tables.tokenBySecret(remote.secretId());
            if (local.filter(AclToken::local).isPresent() || secretOwner.filter(AclToken::local).isPresent()) {
                continue; // never overwrite a Local token, nor take its secret
            }
            if (local.isPresent() && sameToken(local.get(), remote)) {
                continue;
            }
            if (local.isPresent() && !local.get().accessorId().equals(remote.accessorId())) {
                // the same UUID spelled otherwise: replace it, or its index entries would outlive the delete
                tables.removeToken(local.get(), index);
            }
            // Another global token holding the secret is stale (the primary cannot hold two tokens with one
            // secret); it goes, so the secret index points to the arriving token alone.
            tables.tokenBySecret(remote.secretId())
                    .filter(owner -> !owner.accessorId().equals(remote.accessorId()))
                    .ifPresent(owner -> tables.removeToken(owner, index));
            long createIndex = local.map(AclToken::createIndex).orElse(index);
            tables.putToken(TokenCommands.withIndexes(remote, createIndex, index), index);
        }
        Set<String> kept = new HashSet<>(batch.tokenIds());
        List<AclToken> gone = new ArrayList<>();
        for (AclToken t : tables.tokens()) {
            if (!t.local() && !kept.contains(t.accessorId())) {
                gone.add(t);
            }
        }
        gone.forEach(t -> tables.removeToken(t, index));
    }

    /** Equal but for the Raft indexes, which differ between datacenters. */
    static boolean samePolicy(AclPolicy a, AclPolicy b) {
        return a.id().equals(b.id()) && a.name().equals(b.name()) && a.description().equals(b.description())
                && a.rules().equals(b.rules()) && a.datacenters().equals(b.datacenters())
                && a.hash().equals(b.hash());
    }

    /** Equal but for the Raft indexes, which differ between datacenters. */
    static boolean sameToken(AclToken a, AclToken b) {
        return TokenCommands.withIndexes(a, 0, 0).equals(TokenCommands.withIndexes(b, 0, 0));
    }
}
