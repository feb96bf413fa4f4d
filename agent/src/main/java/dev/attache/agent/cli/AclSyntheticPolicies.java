package dev.attache.agent.cli;

import java.util.Map;

/**
 * The rules of the synthetic policies behind service identities, node identities and Consul's built-in
 * templated policies, as {@code acl token read -expanded} shows them. {@code NAME} stands for the template's
 * {@code Name} variable.
 */
final class AclSyntheticPolicies {
    static final String SERVICE = "builtin/service";
    static final String NODE = "builtin/node";

    private static final String READ_BLOCK = " {\n\tpolicy = \"read\"\n}";
    private static final String WRITE_BLOCK = " {\n\tpolicy = \"write\"\n}";
    private static final String SPACED_READ = " {\n  policy = \"read\"\n}";
    private static final String SPACED_WRITE = " {\n  policy = \"write\"\n}";

    private static final Map<String, String> TEMPLATES = Map.of(
            SERVICE, "\nservice \"NAME\"" + WRITE_BLOCK + "\nservice \"NAME-sidecar-proxy\"" + WRITE_BLOCK
                    + "\nservice_prefix \"\"" + READ_BLOCK + "\nnode_prefix \"\"" + READ_BLOCK,
            NODE, "\nnode \"NAME\"" + WRITE_BLOCK + "\nservice_prefix \"\"" + READ_BLOCK,
            "builtin/dns", "\nnode_prefix \"\"" + READ_BLOCK + "\nservice_prefix \"\"" + READ_BLOCK
                    + "\nquery_prefix \"\"" + READ_BLOCK,
            "builtin/nomad-server", "\nacl = \"write\"\nagent_prefix \"\"" + SPACED_READ + "\nnode_prefix \"\""
                    + SPACED_READ + "\nservice_prefix \"\"" + SPACED_WRITE,
            "builtin/nomad-client", "agent_prefix \"\"" + SPACED_READ + "\nnode_prefix \"\"" + SPACED_READ
                    + "\nservice_prefix \"\"" + SPACED_WRITE + "\nkey_prefix \"\"" + SPACED_READ,
            "builtin/api-gateway", "mesh = \"read\"\nnode_prefix \"\"" + READ_BLOCK + "\nservice_prefix \"\""
                    + READ_BLOCK + "\nservice \"NAME\"" + WRITE_BLOCK);

    private AclSyntheticPolicies() {
    }

    static String description(String templateName) {
        return "synthetic policy generated from templated policy: " + templateName;
    }

    /** The rules for this template and name; empty for a template this CLI does not know. */
    static String rules(String templateName, String name) {
        return TEMPLATES.getOrDefault(templateName, "").replace("NAME", name);
    }
}
