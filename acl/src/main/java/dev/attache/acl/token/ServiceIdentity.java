package dev.attache.acl.token;

import java.util.List;

/** A service identity on a token: write on the service (and its sidecar), read on services and nodes. */
public record ServiceIdentity(String serviceName, List<String> datacenters) {
    public ServiceIdentity {
        serviceName = serviceName == null ? "" : serviceName;
        datacenters = datacenters == null ? List.of() : List.copyOf(datacenters);
    }
}
