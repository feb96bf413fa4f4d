package dev.attache.acl.state;

import dev.attache.acl.AclException;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Token create, update, clone, delete and expiry reaping, following Consul's {@code TokenWriter}. */
final class TokenCommands {
    private TokenCommands() {
    }

    static AclToken create(AclCommand.TokenCreate cmd, AclTables tables, long index) {
        TokenSpec spec = cmd.spec();
        TokenValidation.newAccessorId(spec.accessorId(), spec.accessorIdGiven(), tables);
        TokenValidation.newSecretId(spec.secretId(), spec.secretIdGiven(), tables);
        Instant expires = TokenValidation.newExpiration(cmd.now(), spec.expirationTime(), spec.expirationTtl());
        return write(tables, index, new Draft(spec.accessorId(), spec.secretId(), spec.description(),
                spec.policies(), spec.roles(), spec.serviceIdentities(), spec.nodeIdentities(), spec.local(),
                "", expires, cmd.now()), Optional.empty());
    }

    static AclToken update(AclCommand.TokenUpdate cmd, AclTables tables, long index) {
        TokenSpec spec = cmd.spec();
        AclToken existing = TokenValidation.update(cmd.now(), cmd.accessorId(), spec, tables);
        return write(tables, index, new Draft(existing.accessorId(), existing.secretId(), spec.description(),
                spec.policies(), spec.roles(), spec.serviceIdentities(), spec.nodeIdentities(), existing.local(),
                existing.authMethod(), existing.expirationTime(), existing.createTime()), Optional.of(existing));
    }

    static AclToken clone(AclCommand.TokenClone cmd, AclTables tables, long index) {
        String sourceId = cmd.sourceAccessorId();
        Optional<String> lookupError = Uuids.tokenIndexError(sourceId);
        if (lookupError.isPresent()) {
            throw AclException.invalid("failed acl token lookup: index error: " + lookupError.get());
        }
        AclToken source = tables.token(sourceId)
                .orElseThrow(() -> AclException.aclNotFound("token does not exist: ACL not found"));
        if (source.expiredAt(cmd.now())) {
            throw AclException.aclNotFound("token is expired: ACL not found");
        }
        if (!source.authMethod().isEmpty()) {
            throw AclException.invalid("Cannot clone a token created from an auth method");
        }
        TokenValidation.newAccessorId(cmd.newAccessorId(), false, tables);
        TokenValidation.newSecretId(cmd.newSecretId(), false, tables);
        if (source.expirationTime() != null) {
            TokenValidation.checkWindow(cmd.now(), source.expirationTime());
        }
        String description = cmd.description() == null || cmd.description().isEmpty()
                ? source.description() : cmd.description();
        // Consul reads the source through the store, which drops links to deleted policies.
        List<PolicyLink> livePolicies = source.policies().stream()
                .filter(l -> tables.policy(l.id()).isPresent()).toList();
        return write(tables, index, new Draft(cmd.newAccessorId(), cmd.newSecretId(), description, livePolicies,
                source.roles(), source.serviceIdentities(), source.nodeIdentities(), source.local(), "",
                source.expirationTime(), cmd.now()), Optional.empty());
    }

    static Boolean delete(AclCommand.TokenDelete cmd, AclTables tables, long index) {
        String accessorId = cmd.accessorId();
        if (!Uuids.isUuid(accessorId)) {
            throw AclException.invalid("Accessor ID is missing or an invalid UUID");
        }
        if (AclToken.ANONYMOUS_ACCESSOR_ID.equals(accessorId)) {
            throw AclException.invalid("Delete operation not permitted on the anonymous token");
        }
        AclToken token = tables.token(accessorId)
                .orElseThrow(() -> AclException.notFound("Cannot find token to delete"));
        String caller = cmd.callerAccessorId();
        if (caller != null && !caller.isEmpty() && caller.equals(token.accessorId())) {
            throw AclException.invalid("Deletion of the request's authorization token is not permitted");
        }
        if (token.isAnonymous()) {
            throw AclException.invalid("Deletion of the builtin anonymous token is not permitted");
        }
        tables.removeToken(token, index);
        return Boolean.TRUE;
    }

    static Boolean reapExpired(AclCommand.ReapExpired cmd, AclTables tables, long index) {
        List<AclToken> expired = new ArrayList<>();
        for (AclToken t : tables.tokens()) {
            if (t.expiredAt(cmd.now()) && !t.isAnonymous() && (t.local() || !cmd.localOnly())) {
                expired.add(t);
            }
        }
        expired.forEach(t -> tables.removeToken(t, index));
        return Boolean.TRUE;
    }

    /** A token before its links are normalized. */
    record Draft(String accessorId, String secretId, String description, List<PolicyLink> policies,
                 List<PolicyLink> roles, List<ServiceIdentity> serviceIdentities,
                 List<NodeIdentity> nodeIdentities, boolean local, String authMethod, Instant expirationTime,
                 Instant createTime) {
    }

    /**
     * Consul's {@code TokenWriter.write}: roles, policies, service identities and node identities normalized in
     * that order, the hash computed, the indexes set (CreateIndex kept on update), and the token stored.
     */
    static AclToken write(AclTables tables, long index, Draft d, Optional<AclToken> existing) {
        List<PolicyLink> roles = TokenLinks.roles(d.roles());
        List<PolicyLink> policies = TokenLinks.policies(d.policies(), tables);
        List<ServiceIdentity> services = TokenLinks.serviceIdentities(d.serviceIdentities(), d.local());
        List<NodeIdentity> nodes = TokenLinks.nodeIdentities(d.nodeIdentities());
        long createIndex = existing.map(AclToken::createIndex).orElse(index);
        AclToken unhashed = new AclToken(d.accessorId(), d.secretId(), d.description(), policies, roles, services,
                nodes, d.local(), d.authMethod(), d.expirationTime(), d.createTime(), "", createIndex, index);
        AclToken token = withHash(unhashed);
        tables.putToken(token, index);
        return token;
    }

    static AclToken withHash(AclToken t) {
        return new AclToken(t.accessorId(), t.secretId(), t.description(), t.policies(), t.roles(),
                t.serviceIdentities(), t.nodeIdentities(), t.local(), t.authMethod(), t.expirationTime(),
                t.createTime(), AclHashes.tokenHash(t), t.createIndex(), t.modifyIndex());
    }

    /** The same token with other Raft indexes (a replicated token takes this datacenter's). */
    static AclToken withIndexes(AclToken t, long createIndex, long modifyIndex) {
        return new AclToken(t.accessorId(), t.secretId(), t.description(), t.policies(), t.roles(),
                t.serviceIdentities(), t.nodeIdentities(), t.local(), t.authMethod(), t.expirationTime(),
                t.createTime(), t.hash(), createIndex, modifyIndex);
    }
}
