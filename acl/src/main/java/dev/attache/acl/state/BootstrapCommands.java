package dev.attache.acl.state;

import dev.attache.acl.AclException;
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.PolicyLink;
import java.util.List;
import java.util.Optional;

/** The leader's ACL initialization and {@code PUT /v1/acl/bootstrap} (consul-behavior.md §4.1, §5.5, §5.6). */
final class BootstrapCommands {
    static final String ANONYMOUS_DESCRIPTION = "Anonymous Token";
    static final String INITIAL_MANAGEMENT_DESCRIPTION = "Initial Management Token";
    static final String BOOTSTRAP_DESCRIPTION = "Bootstrap Token (Global Management)";

    private BootstrapCommands() {
    }

    /**
     * Creates what is missing: the builtin policies (or brings their rules up to date, keeping a user's name and
     * description), the anonymous token, and the initial management token when a secret is configured and no
     * token has it. The anonymous token is handled before the initial management token, so a configured secret
     * of {@code anonymous} names the existing anonymous token instead of colliding with it.
     */
    static Boolean initialize(AclCommand.Initialize cmd, AclTables tables, long index) {
        for (AclPolicy builtin : BuiltinPolicies.definitions()) {
            writeBuiltin(builtin, tables, index);
        }
        if (tables.token(AclToken.ANONYMOUS_ACCESSOR_ID).isEmpty()
                && tables.tokenBySecret(AclToken.ANONYMOUS_SECRET_ID).isEmpty()) {
            tables.putToken(TokenCommands.withHash(new AclToken(AclToken.ANONYMOUS_ACCESSOR_ID,
                    AclToken.ANONYMOUS_SECRET_ID, ANONYMOUS_DESCRIPTION, List.of(), List.of(), List.of(),
                    List.of(), false, "", null, cmd.now(), "", index, index)), index);
        }
        String secret = cmd.initialManagementSecret();
        if (secret != null && !secret.isEmpty() && tables.tokenBySecret(secret).isEmpty()) {
            String accessor = cmd.initialManagementAccessor();
            TokenValidation.newAccessorId(accessor == null ? "" : accessor, false, tables);
            tables.putToken(managementToken(accessor, secret, INITIAL_MANAGEMENT_DESCRIPTION, cmd.now(), index),
                    index);
            if (tables.bootstrapIndex() == 0) {
                tables.markBootstrapped(index);
            }
        }
        return Boolean.TRUE;
    }

    private static void writeBuiltin(AclPolicy builtin, AclTables tables, long index) {
        Optional<AclPolicy> existing = tables.policy(builtin.id());
        if (existing.isPresent() && existing.get().rules().equals(builtin.rules())) {
            return;
        }
        String name = existing.map(AclPolicy::name).orElse(builtin.name());
        String description = existing.map(AclPolicy::description).orElse(builtin.description());
        Optional<AclPolicy> nameOwner = tables.policyByName(name);
        if (nameOwner.isPresent() && !nameOwner.get().id().equals(builtin.id())) {
            throw AclException.invalid("failed to create " + name + " policy: A policy with name "
                    + GoFormat.quote(name) + " already exists");
        }
        long createIndex = existing.map(AclPolicy::createIndex).orElse(index);
        tables.putPolicy(new AclPolicy(builtin.id(), name, description, builtin.rules(), List.of(),
                AclHashes.policyHash(name, description, builtin.rules(), List.of()), createIndex, index), index);
    }

    /**
     * Bootstraps once; afterwards only with the reset index read from the leader's reset file. The secret, when
     * the caller chose it, must be a UUID that no token uses (as AccessorID or SecretID) and not reserved.
     */
    static AclToken bootstrap(AclCommand.Bootstrap cmd, AclTables tables, long index) {
        long bootstrapIndex = tables.bootstrapIndex();
        if (bootstrapIndex > 0) {
            if (cmd.resetIndex() <= 0) {
                throw AclException.permissionDenied(
                        "Permission denied: ACL bootstrap no longer allowed (reset index: " + bootstrapIndex + ")");
            }
            if (cmd.resetIndex() != bootstrapIndex) {
                throw AclException.invalid("Invalid bootstrap reset index (specified " + cmd.resetIndex()
                        + ", reset index: " + bootstrapIndex + ")");
            }
        }
        String secret = cmd.secretId() == null ? "" : cmd.secretId();
        if (cmd.secretIdGiven()) {
            Uuids.parseError(secret).ifPresent(e -> {
                throw AclException.invalid(e);
            });
            if (tables.tokenIdInUse(secret) || Uuids.isReserved(secret)) {
                throw AclException.invalid(
                        "Provided token cannot be used because a token with that secret already exists.");
            }
        } else {
            TokenValidation.newSecretId(secret, false, tables);
        }
        String accessor = cmd.accessorId() == null ? "" : cmd.accessorId();
        TokenValidation.newAccessorId(accessor, false, tables);
        AclToken token = managementToken(accessor, secret, BOOTSTRAP_DESCRIPTION, cmd.now(), index);
        tables.putToken(token, index);
        tables.markBootstrapped(index);
        return token;
    }

    private static AclToken managementToken(String accessor, String secret, String description,
                                            java.time.Instant now, long index) {
        return TokenCommands.withHash(new AclToken(accessor, secret, description,
                List.of(PolicyLink.ofId(AclPolicy.GLOBAL_MANAGEMENT_ID)), List.of(), List.of(), List.of(), false,
                "", null, now, "", index, index));
    }
}
