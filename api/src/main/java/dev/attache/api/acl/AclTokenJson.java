package dev.attache.api.acl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.attache.acl.state.AclState;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import dev.attache.api.json.GoTime;
import java.util.List;

/**
 * A token as Consul answers it (consul-behavior.md §5.1), and also a {@code /v1/acl/tokens} list stub (§5.2), whose
 * fields and order are the same. Empty link lists, an empty {@code AuthMethod} and an unset {@code ExpirationTime}
 * are omitted; {@code ExpirationTTL} never appears.
 */
@JsonPropertyOrder({"AccessorID", "SecretID", "Description", "Policies", "Roles", "ServiceIdentities",
        "NodeIdentities", "Local", "AuthMethod", "ExpirationTime", "CreateTime", "Hash", "CreateIndex",
        "ModifyIndex"})
public record AclTokenJson(
        @JsonProperty("AccessorID") String accessorId,
        @JsonProperty("SecretID") String secretId,
        @JsonProperty("Description") String description,
        @JsonProperty("Policies") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Link> policies,
        @JsonProperty("Roles") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Link> roles,
        @JsonProperty("ServiceIdentities") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<ServiceIdentityJson> serviceIdentities,
        @JsonProperty("NodeIdentities") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<NodeIdentityJson> nodeIdentities,
        @JsonProperty("Local") boolean local,
        @JsonProperty("AuthMethod") @JsonInclude(JsonInclude.Include.NON_EMPTY) String authMethod,
        @JsonProperty("ExpirationTime") @JsonInclude(JsonInclude.Include.NON_NULL) String expirationTime,
        @JsonProperty("CreateTime") String createTime,
        @JsonProperty("Hash") String hash,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    /** What a caller without {@code acl:write} sees instead of a SecretID. */
    public static final String HIDDEN_SECRET = "<hidden>";

    /** A policy or role link: the ID and the linked object's current name. */
    @JsonPropertyOrder({"ID", "Name"})
    public record Link(@JsonProperty("ID") String id, @JsonProperty("Name") String name) {
    }

    @JsonPropertyOrder({"ServiceName", "Datacenters"})
    public record ServiceIdentityJson(
            @JsonProperty("ServiceName") String serviceName,
            @JsonProperty("Datacenters") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> datacenters) {
    }

    @JsonPropertyOrder({"NodeName", "Datacenter"})
    public record NodeIdentityJson(@JsonProperty("NodeName") String nodeName,
                                   @JsonProperty("Datacenter") String datacenter) {
    }

    /**
     * The token as read from {@code state}: links carry the policies' current names and links to deleted policies
     * are left out (§5.3); the SecretID is shown only when {@code showSecret}.
     */
    public static AclTokenJson from(AclToken t, AclState state, boolean showSecret) {
        return of(t, state.currentPolicyLinks(t), showSecret);
    }

    /**
     * The token a write just stored, with its secret, its links named from {@code names}: a state that may predate
     * the write but holds every policy the token links to (the caller checks {@link #namesAll}).
     */
    static AclTokenJson written(AclToken t, AclState names) {
        return of(t, t.policies().stream()
                .map(l -> names.policy(l.id()).map(p -> new PolicyLink(p.id(), p.name())).orElse(l)).toList(), true);
    }

    /** True when {@code state} holds every policy {@code t} links to. */
    static boolean namesAll(AclToken t, AclState state) {
        return t.policies().stream().allMatch(l -> state.policy(l.id()).isPresent());
    }

    private static AclTokenJson of(AclToken t, List<PolicyLink> currentLinks, boolean showSecret) {
        List<Link> policies = currentLinks.stream().map(AclTokenJson::link).toList();
        List<Link> roles = t.roles().stream().map(AclTokenJson::link).toList(); // this agent has no roles table
        return new AclTokenJson(t.accessorId(), showSecret ? t.secretId() : HIDDEN_SECRET, t.description(),
                policies, roles,
                t.serviceIdentities().stream().map(AclTokenJson::serviceIdentity).toList(),
                t.nodeIdentities().stream().map(AclTokenJson::nodeIdentity).toList(),
                t.local(), t.authMethod(),
                t.expirationTime() == null ? null : GoTime.format(t.expirationTime()),
                GoTime.format(t.createTime()), t.hash(), t.createIndex(), t.modifyIndex());
    }

    private static Link link(PolicyLink l) {
        return new Link(l.id(), l.name());
    }

    private static ServiceIdentityJson serviceIdentity(ServiceIdentity si) {
        return new ServiceIdentityJson(si.serviceName(), si.datacenters());
    }

    private static NodeIdentityJson nodeIdentity(NodeIdentity ni) {
        return new NodeIdentityJson(ni.nodeName(), ni.datacenter());
    }
}
