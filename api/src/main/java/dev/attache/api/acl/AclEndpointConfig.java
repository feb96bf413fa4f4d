package dev.attache.api.acl;

import dev.attache.api.ApiException;
import java.util.Objects;

/**
 * What the ACL endpoints need of the agent's configuration.
 *
 * @param enabled    {@code acl.enabled}; when false every {@code /v1/acl/*} endpoint answers 401 {@code ACL support
 *                   disabled}
 * @param datacenter    this agent's datacenter: a read naming another one ({@code ?dc=}) has no path there yet
 * @param nodeName      this agent's node name ({@code ResolvedByAgent} of expanded token reads)
 * @param defaultPolicy {@code acl.default_policy} as configured ({@code allow}, {@code deny})
 * @param downPolicy    {@code acl.down_policy} as configured ({@code extend-cache}, ...)
 * @param federation    where writes belong when there are several datacenters
 */
public record AclEndpointConfig(boolean enabled, String datacenter, String nodeName, String defaultPolicy,
                                String downPolicy, AclFederation federation) {
    public AclEndpointConfig {
        federation = federation == null ? AclFederation.SINGLE : federation;
        Objects.requireNonNull(datacenter, "datacenter");
        nodeName = nodeName == null ? "" : nodeName;
        defaultPolicy = defaultPolicy == null ? "allow" : defaultPolicy;
        downPolicy = downPolicy == null ? "extend-cache" : downPolicy;
    }

    /** A single datacenter. */
    public AclEndpointConfig(boolean enabled, String datacenter, String nodeName, String defaultPolicy,
                             String downPolicy) {
        this(enabled, datacenter, nodeName, defaultPolicy, downPolicy, AclFederation.SINGLE);
    }

    /** Consul's default policies and no node name (tests). */
    public AclEndpointConfig(boolean enabled, String datacenter) {
        this(enabled, datacenter, "", "allow", "extend-cache");
    }

    /** Consul's {@code checkACLDisabled}, the first thing every ACL handler does. */
    void requireEnabled() {
        if (!enabled) {
            throw ApiException.unauthorized("ACL support disabled");
        }
    }
}
