package dev.attache.acl.rules;

import dev.attache.acl.state.AclHashes;
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.ServiceIdentity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The policies Consul synthesizes for a token's service and node identities, from its {@code builtin/service}
 * and {@code builtin/node} templates: rules, datacenters (a node identity applies only in its datacenter), and the
 * ID, name, description and hash Consul gives them ({@code ?expanded} token reads show them).
 */
public final class SyntheticPolicies {
    static final String SERVICE_TEMPLATE = "builtin/service";
    static final String NODE_TEMPLATE = "builtin/node";
    /**
     * Consul names a synthetic policy after {@code fnv128a.Sum(rules)}, which appends the digest of nothing (the
     * FNV-128a offset basis) to the rules bytes: the ID is the rules in hex followed by this.
     */
    private static final String FNV128A_OF_NOTHING = "6c62272e07bb014262b821756295c58d";
    private static final String READ = " {\n\tpolicy = \"read\"\n}";
    private static final String WRITE = " {\n\tpolicy = \"write\"\n}";

    private SyntheticPolicies() {
    }

    /** The token's synthetic policies, service identities first, each with its datacenters. */
    public static List<AclPolicy> of(AclToken token) {
        List<AclPolicy> out = new ArrayList<>();
        for (ServiceIdentity s : token.serviceIdentities()) {
            out.add(policy(SERVICE_TEMPLATE, serviceRules(s.serviceName()), s.datacenters()));
        }
        for (NodeIdentity n : token.nodeIdentities()) {
            out.add(policy(NODE_TEMPLATE, nodeRules(n.nodeName()), List.of(n.datacenter())));
        }
        return out;
    }

    static String serviceRules(String name) {
        return "\nservice " + quote(name) + WRITE + "\nservice " + quote(name + "-sidecar-proxy") + WRITE
                + "\nservice_prefix \"\"" + READ + "\nnode_prefix \"\"" + READ;
    }

    static String nodeRules(String name) {
        return "\nnode " + quote(name) + WRITE + "\nservice_prefix \"\"" + READ;
    }

    private static AclPolicy policy(String template, String rules, List<String> datacenters) {
        String id = HexFormat.of().formatHex(rules.getBytes(StandardCharsets.UTF_8)) + FNV128A_OF_NOTHING;
        String name = "synthetic-policy-" + id;
        String description = "synthetic policy generated from templated policy: " + template;
        return new AclPolicy(id, name, description, rules, datacenters,
                AclHashes.policyHash(name, description, rules, datacenters), 0, 0);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
