package dev.attache.acl.state;

import dev.attache.acl.AclException;
import dev.attache.acl.token.AclPolicy;
import java.util.Optional;
import java.util.function.Consumer;

/** Policy create, update and delete, following Consul's {@code ACL.PolicySet} and {@code ACL.PolicyDelete}. */
final class PolicyCommands {
    private final Consumer<String> rulesValidator;

    PolicyCommands(Consumer<String> rulesValidator) {
        this.rulesValidator = rulesValidator;
    }

    AclPolicy create(AclCommand.PolicyCreate cmd, AclTables tables, long index) {
        PolicySpec spec = cmd.spec();
        PolicyValidation.name(spec.name());
        PolicyValidation.create(cmd.id(), spec, tables);
        rulesValidator.accept(spec.rules());
        return store(cmd.id(), spec, index, tables);
    }

    AclPolicy update(AclCommand.PolicyUpdate cmd, AclTables tables, long index) {
        PolicySpec spec = cmd.spec();
        PolicyValidation.name(spec.name());
        AclPolicy existing = PolicyValidation.update(cmd.id(), spec, tables);
        rulesValidator.accept(spec.rules());
        return store(existing.id(), spec, existing.createIndex(), index, tables);
    }

    /** Deleting a policy leaves tokens alone: their links to it stop showing on reads. */
    Boolean delete(AclCommand.PolicyDelete cmd, AclTables tables, long index) {
        Optional<String> lookupError = Uuids.idIndexError(cmd.id());
        if (lookupError.isPresent()) {
            throw AclException.invalid("failed acl policy lookup: index error: " + lookupError.get());
        }
        AclPolicy policy = tables.policy(cmd.id())
                .orElseThrow(() -> AclException.notFound("Cannot find policy to delete"));
        Optional<AclPolicy> builtin = BuiltinPolicies.definition(policy.id());
        if (builtin.isPresent()) {
            throw AclException.invalid("Delete operation not permitted on the builtin " + builtin.get().name()
                    + " policy");
        }
        tables.removePolicy(policy, index);
        return Boolean.TRUE;
    }

    private static AclPolicy store(String id, PolicySpec spec, long index, AclTables tables) {
        return store(id, spec, index, index, tables);
    }

    private static AclPolicy store(String id, PolicySpec spec, long createIndex, long index, AclTables tables) {
        AclPolicy policy = new AclPolicy(id, spec.name(), spec.description(), spec.rules(), spec.datacenters(),
                AclHashes.policyHash(spec.name(), spec.description(), spec.rules(), spec.datacenters()),
                createIndex, index);
        tables.putPolicy(policy, index);
        return policy;
    }
}
