package dev.attache.api.acl;

import dev.attache.api.ApiException;
import java.util.Objects;

/**
 * What the ACL endpoints need of the agent's configuration.
 *
 * @param enabled    {@code acl.enabled}; when false every {@code /v1/acl/*} endpoint answers 401 {@code ACL support
 *                   disabled}
 * @param datacenter this agent's datacenter: a read naming another one ({@code ?dc=}) has no path there yet
 */
public record AclEndpointConfig(boolean enabled, String datacenter) {
    public AclEndpointConfig {
        Objects.requireNonNull(datacenter, "datacenter");
    }

    /** Consul's {@code checkACLDisabled}, the first thing every ACL handler does. */
    void requireEnabled() {
        if (!enabled) {
            throw ApiException.unauthorized("ACL support disabled");
        }
    }
}
