package dev.attache.acl.state;

import dev.attache.acl.AclException;
import dev.attache.acl.token.AclPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/** The policy checks of Consul's {@code ACL.PolicySet} (consul-behavior.md §4.9), in its order. */
final class PolicyValidation {
    static final int NAME_MAX_LENGTH = 128;
    private static final String RESERVED_NAME_PREFIX = "builtin/";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9\\-_]+/?[A-Za-z0-9\\-_]*");

    private PolicyValidation() {
    }

    /** {@code acl.ValidatePolicyName}, preceded by the empty-name check. */
    static void name(String name) {
        if (name.isEmpty()) {
            throw AclException.invalid("Invalid Policy: no Name is set");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 1 || bytes > NAME_MAX_LENGTH) {
            throw AclException.invalid("Invalid Policy: invalid Name. Length must be greater than 0 and less than "
                    + NAME_MAX_LENGTH);
        }
        if (name.startsWith("/") || name.startsWith(RESERVED_NAME_PREFIX)) {
            throw AclException.invalid("Invalid Policy: invalid Name. Names cannot be prefixed with '/' or '"
                    + RESERVED_NAME_PREFIX + "'");
        }
        if (!NAME.matcher(name).matches()) {
            throw AclException.invalid("Invalid Policy: invalid Name. Only alphanumeric characters, a single '/', "
                    + "'-' and '_' are allowed");
        }
    }

    /**
     * The checks of a create after the name's own: the proposer-chosen ID must be a fresh, unreserved UUID, and
     * no policy may have the name (compared case-insensitively).
     */
    static void create(String id, PolicySpec spec, AclTables tables) {
        if (!Uuids.isUuid(id)) {
            throw AclException.invalid("Policy ID invalid UUID");
        }
        if (Uuids.isReserved(id) || tables.policy(id).isPresent()) {
            throw AclException.invalid("Policy ID " + GoFormat.quote(id) + " is reserved or already in use");
        }
        if (tables.policyByName(spec.name()).isPresent()) {
            throw AclException.invalid("Invalid Policy: A Policy with Name " + GoFormat.quote(spec.name())
                    + " already exists");
        }
    }

    /**
     * The checks of an update after the name's own; returns the existing policy. As in Consul, a new name is
     * refused when any policy (this one included) has it case-insensitively, and a builtin policy keeps its rules
     * and has no datacenters.
     */
    static AclPolicy update(String id, PolicySpec spec, AclTables tables) {
        if (!Uuids.isUuid(id)) {
            throw AclException.invalid("Policy ID invalid UUID");
        }
        AclPolicy existing = tables.policy(id).orElseThrow(
                () -> AclException.invalid("cannot find policy " + id));
        Optional<AclPolicy> nameMatch = tables.policyByName(spec.name());
        if (!existing.name().equals(spec.name()) && nameMatch.isPresent()) {
            throw AclException.invalid("Invalid Policy: A policy with name " + GoFormat.quote(spec.name())
                    + " already exists");
        }
        Optional<AclPolicy> builtin = BuiltinPolicies.definition(existing.id());
        if (builtin.isPresent()) {
            if (!spec.datacenters().isEmpty()) {
                throw AclException.invalid("Changing the Datacenters of the " + builtin.get().name()
                        + " policy is not permitted");
            }
            if (!spec.rules().equals(existing.rules())) {
                throw AclException.invalid("Changing the Rules for the builtin " + builtin.get().name()
                        + " policy is not permitted");
            }
        }
        return existing;
    }
}
