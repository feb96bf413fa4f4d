package dev.attache.acl.rules;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.Resource;
import dev.attache.acl.state.AclHashes;
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.ServiceIdentity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The policies Consul synthesizes for a token's service and node identities, from its {@code builtin/service} and
 * {@code builtin/node} templated policies (Consul's {@code ACLServiceIdentity.SyntheticPolicy},
 * {@code ACLNodeIdentity.SyntheticPolicy}):
 *
 * <ul>
 *   <li>service identity {@code <n>}: {@code service "<n>"} write, {@code service "<n>-sidecar-proxy"} write,
 *       {@code service_prefix ""} read, {@code node_prefix ""} read; in the identity's datacenters (none: all);</li>
 *   <li>node identity {@code <n>}: {@code node "<n>"} write, {@code service_prefix ""} read; only in the
 *       identity's datacenter.</li>
 * </ul>
 *
 * Each comes as the {@link AclPolicy} an {@code ?expanded} token read shows (ID = Go's {@code fnv128a.Sum(rules)} in
 * hex, Name {@code synthetic-policy-<ID>}, Description {@code synthetic policy generated from templated policy:
 * builtin/service}, Consul's rules text, hash) and as its {@link Rules}, built directly (the same as parsing the
 * text).
 */
public final class SyntheticPolicies {
    public static final String SERVICE_TEMPLATE = "builtin/service";
    public static final String NODE_TEMPLATE = "builtin/node";
    /**
     * Consul names a synthetic policy after {@code fnv128a.Sum(rules)}, which appends the digest of nothing (the
     * FNV-128a offset basis) to the rules bytes: the ID is the rules in hex followed by this.
     */
    private static final String FNV128A_OF_NOTHING = "6c62272e07bb014262b821756295c58d";
    private static final String READ = " {\n\tpolicy = \"read\"\n}";
    private static final String WRITE = " {\n\tpolicy = \"write\"\n}";

    /** One synthetic policy: what reads show, and what it grants. */
    public record Synthetic(AclPolicy policy, Rules rules) {
        public Synthetic {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(rules, "rules");
        }

        /** True when it applies in {@code datacenter}. */
        public boolean appliesIn(String datacenter) {
            return policy.appliesIn(datacenter);
        }
    }

    private SyntheticPolicies() {
    }

    /** The token's synthetic policies, service identities first, in token order. */
    public static List<Synthetic> forToken(AclToken token) {
        List<Synthetic> out = new ArrayList<>(token.serviceIdentities().size() + token.nodeIdentities().size());
        for (ServiceIdentity s : token.serviceIdentities()) {
            out.add(of(s));
        }
        for (NodeIdentity n : token.nodeIdentities()) {
            out.add(of(n));
        }
        return List.copyOf(out);
    }

    /** The token's synthetic policies as {@code ?expanded} reads show them. */
    public static List<AclPolicy> of(AclToken token) {
        return forToken(token).stream().map(Synthetic::policy).toList();
    }

    public static Synthetic of(ServiceIdentity identity) {
        String name = identity.serviceName();
        Rules rules = Rules.builder()
                .exact(Resource.SERVICE, name, AccessLevel.WRITE)
                .exact(Resource.SERVICE, name + "-sidecar-proxy", AccessLevel.WRITE)
                .prefix(Resource.SERVICE, "", AccessLevel.READ)
                .prefix(Resource.NODE, "", AccessLevel.READ)
                .build();
        return new Synthetic(policy(SERVICE_TEMPLATE, serviceRules(name), identity.datacenters()), rules);
    }

    public static Synthetic of(NodeIdentity identity) {
        String name = identity.nodeName();
        Rules rules = Rules.builder()
                .exact(Resource.NODE, name, AccessLevel.WRITE)
                .prefix(Resource.SERVICE, "", AccessLevel.READ)
                .build();
        return new Synthetic(policy(NODE_TEMPLATE, nodeRules(name), List.of(identity.datacenter())), rules);
    }

    /** Consul's {@code builtin/service} rules text for this service. */
    public static String serviceRules(String name) {
        return "\nservice " + quote(name) + WRITE + "\nservice " + quote(name + "-sidecar-proxy") + WRITE
                + "\nservice_prefix \"\"" + READ + "\nnode_prefix \"\"" + READ;
    }

    /** Consul's {@code builtin/node} rules text for this node. */
    public static String nodeRules(String name) {
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
