package dev.attache.acl.state;

import dev.attache.acl.token.AclPolicy;
import java.util.List;
import java.util.Optional;

/**
 * The two builtin policies the primary's leader creates (consul-behavior.md §4.9, §5.4): their IDs, original
 * names, descriptions and exact rules text. Users may rename them and change their descriptions, never their rules
 * or datacenters, and may not delete them.
 */
public final class BuiltinPolicies {
    public static final String GLOBAL_MANAGEMENT_DESCRIPTION =
            "A built-in policy that grants read and write access to all Consul features";
    public static final String GLOBAL_READ_ONLY_DESCRIPTION =
            "A built-in policy that grants read-only access to all Consul features";

    /** The rules of {@code global-management}: write on everything. Starts with a newline, tab-indented. */
    public static final String GLOBAL_MANAGEMENT_RULES = rules("write");
    /** The rules of {@code builtin/global-read-only}: read on everything. */
    public static final String GLOBAL_READ_ONLY_RULES = rules("read");

    private static final List<AclPolicy> DEFINITIONS = List.of(
            definition(AclPolicy.GLOBAL_MANAGEMENT_ID, AclPolicy.GLOBAL_MANAGEMENT_NAME,
                    GLOBAL_MANAGEMENT_DESCRIPTION, GLOBAL_MANAGEMENT_RULES),
            definition(AclPolicy.GLOBAL_READ_ONLY_ID, AclPolicy.GLOBAL_READ_ONLY_NAME,
                    GLOBAL_READ_ONLY_DESCRIPTION, GLOBAL_READ_ONLY_RULES));

    private BuiltinPolicies() {
    }

    /** Both builtin policies as first created (hash set, indexes 0), management first. */
    public static List<AclPolicy> definitions() {
        return DEFINITIONS;
    }

    /** The builtin definition with this ID, if it is one. */
    public static Optional<AclPolicy> definition(String id) {
        return DEFINITIONS.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    private static AclPolicy definition(String id, String name, String description, String rules) {
        return new AclPolicy(id, name, description, rules, List.of(),
                AclHashes.policyHash(name, description, rules, List.of()), 0, 0);
    }

    private static String rules(String level) {
        String block = "\tpolicy = \"" + level + "\"\n";
        return "\n"
                + "acl = \"" + level + "\"\n"
                + "agent_prefix \"\" {\n" + block + "}\n"
                + "event_prefix \"\" {\n" + block + "}\n"
                + "key_prefix \"\" {\n" + block + "}\n"
                + "keyring = \"" + level + "\"\n"
                + "node_prefix \"\" {\n" + block + "}\n"
                + "operator = \"" + level + "\"\n"
                + "mesh = \"" + level + "\"\n"
                + "peering = \"" + level + "\"\n"
                + "query_prefix \"\" {\n" + block + "}\n"
                + "service_prefix \"\" {\n" + block + "\tintentions = \"" + level + "\"\n}\n"
                + "session_prefix \"\" {\n" + block + "}";
    }
}
