package dev.attache.agent.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the ACL commands accept in place of a full ID, resolved as Consul's {@code command/acl} helpers do:
 * a unique prefix of a token accessor or policy ID (found by listing), {@code anonymous} for the anonymous token,
 * the built-in policies by name, and a policy by name.
 */
final class AclIds {
    static final String ANONYMOUS_TOKEN_ID = "00000000-0000-0000-0000-000000000002";
    private static final int UUID_LENGTH = 36;
    /** The built-in policies, name to ID. */
    static final Map<String, String> BUILTIN_POLICIES = Map.of(
            "global-management", "00000000-0000-0000-0000-000000000001",
            "builtin/global-read-only", "00000000-0000-0000-0000-000000000002");

    /** An ID that could not be resolved; the message is Consul's. */
    static final class ResolveException extends Exception {
        private static final long serialVersionUID = 1L;

        ResolveException(String message) {
            super(message, null, false, false);
        }
    }

    /** A listing call ({@code AclApi::tokenList}, {@code AclApi::policyList}). */
    @FunctionalInterface
    interface Listing<T> {
        List<T> list() throws AgentClient.RequestException;
    }

    /** A read of a policy by name: empty when there is none. */
    @FunctionalInterface
    interface ByName {
        Optional<AclPolicy> read(String name) throws AgentClient.RequestException;
    }

    private AclIds() {
    }

    /** {@code anonymous}, a full accessor (any 36 characters, taken as is), or a prefix of exactly one accessor. */
    static String tokenAccessor(String partial, Listing<AclTokenListEntry> tokens)
            throws AgentClient.RequestException, ResolveException {
        if (partial.equals("anonymous")) {
            return ANONYMOUS_TOKEN_ID;
        }
        if (partial.length() == UUID_LENGTH) {
            return partial;
        }
        String found = null;
        for (AclTokenListEntry t : tokens.list()) {
            if (t.accessorId().startsWith(partial)) {
                if (found != null) {
                    throw new ResolveException("Partial token ID is not unique");
                }
                found = t.accessorId();
            }
        }
        if (found == null) {
            throw new ResolveException("No such token ID with prefix: " + partial);
        }
        return found;
    }

    /**
     * A built-in policy's name or ID, a full ID (any 36 characters), or a prefix of exactly one policy ID
     * (Consul's {@code GetPolicyIDFromPartial}).
     */
    static String policyId(String partial, Listing<AclPolicyListEntry> policies)
            throws AgentClient.RequestException, ResolveException {
        String builtin = BUILTIN_POLICIES.get(partial);
        if (builtin != null) {
            return builtin;
        }
        if (BUILTIN_POLICIES.containsValue(partial) || partial.length() == UUID_LENGTH) {
            return partial;
        }
        String found = null;
        for (AclPolicyListEntry p : policies.list()) {
            if (p.id().startsWith(partial)) {
                if (found != null) {
                    throw new ResolveException("Partial policy ID is not unique");
                }
                found = p.id();
            }
        }
        if (found == null) {
            throw new ResolveException("No such policy ID with prefix: " + partial);
        }
        return found;
    }

    /**
     * The policy with this name, empty when there is none (Consul's {@code GetPolicyByName}); a failed read is
     * {@code Failed to find policy with name <name>: <err>}.
     */
    static Optional<AclPolicy> policyByName(String name, ByName reader) throws ResolveException {
        if (name.isEmpty()) {
            throw new ResolveException("No name specified");
        }
        try {
            return reader.read(name);
        } catch (AgentClient.RequestException e) {
            throw new ResolveException("Failed to find policy with name " + name + ": " + e.getMessage());
        }
    }

    /** The ID of the policy with this name (Consul's {@code GetPolicyIDByName}). */
    static String policyIdByName(String name, ByName reader) throws ResolveException {
        return policyByName(name, reader)
                .orElseThrow(() -> new ResolveException("No such policy with name: " + name))
                .id();
    }
}
