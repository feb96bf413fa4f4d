package dev.attache.acl.state;

import dev.attache.acl.AclException;
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalizes what a token links to (consul-behavior.md §4.2): policy and role links resolved to IDs and
 * de-duplicated, service and node identities validated and de-duplicated. Messages are Consul's.
 */
final class TokenLinks {
    static final int IDENTITY_NAME_MAX_LENGTH = 256;
    private static final Pattern IDENTITY_NAME = Pattern.compile("[a-z0-9]([a-z0-9\\-_]*[a-z0-9])?");

    private TokenLinks() {
    }

    /**
     * Role links. This agent has no roles, so every link fails the lookup Consul makes: by ID when one is given,
     * otherwise by name.
     */
    static List<PolicyLink> roles(List<PolicyLink> links) {
        for (PolicyLink link : links) {
            if (link.id().isEmpty()) {
                throw AclException.invalid("No such ACL role with name " + GoFormat.quote(link.name()));
            }
            Optional<String> error = Uuids.idIndexError(link.id());
            if (error.isPresent()) {
                throw AclException.invalid("Error looking up role for ID: " + GoFormat.quote(link.id())
                        + ": failed acl role lookup: index error: " + error.get());
            }
            throw AclException.invalid("No such ACL role with ID " + GoFormat.quote(link.id()));
        }
        return List.of();
    }

    /**
     * Policy links resolved to the policies' IDs (the ID wins over the name), de-duplicated by ID in first-seen
     * order, stored without names.
     */
    static List<PolicyLink> policies(List<PolicyLink> links, AclTables tables) {
        Set<String> ids = new LinkedHashSet<>();
        for (PolicyLink link : links) {
            AclPolicy policy;
            if (link.id().isEmpty()) {
                policy = tables.policyByName(link.name()).orElseThrow(() -> AclException.invalid(
                        "No such ACL policy with name " + GoFormat.quote(link.name())));
            } else {
                Optional<String> error = Uuids.idIndexError(link.id());
                if (error.isPresent()) {
                    throw AclException.invalid("Error looking up policy for ID: " + GoFormat.quote(link.id())
                            + ": failed acl policy lookup: index error: " + error.get());
                }
                policy = tables.policy(link.id()).orElseThrow(() -> AclException.invalid(
                        "No such ACL policy with ID " + GoFormat.quote(link.id())));
            }
            ids.add(policy.id());
        }
        return ids.stream().map(PolicyLink::ofId).toList();
    }

    /**
     * Service identities validated, then merged by service name in first-seen order: the first entry's
     * datacenters sorted, later entries' sorted lists merged in (Consul's {@code Deduplicate}).
     */
    static List<ServiceIdentity> serviceIdentities(List<ServiceIdentity> identities, boolean local) {
        for (ServiceIdentity si : identities) {
            String name = si.serviceName();
            if (name.isEmpty()) {
                throw AclException.invalid("Service identity is missing the service name field on this token");
            }
            if (local && !si.datacenters().isEmpty()) {
                throw AclException.invalid("Service identity " + GoFormat.quote(name)
                        + " cannot specify a list of datacenters on a local token");
            }
            if (!validIdentityName(name)) {
                throw AclException.invalid("Service identity " + GoFormat.quote(name) + " has an invalid name. "
                        + "Only lowercase alphanumeric characters, '-' and '_' are allowed");
            }
        }
        Map<String, List<String>> merged = new LinkedHashMap<>();
        for (ServiceIdentity si : identities) {
            List<String> dcs = sorted(si.datacenters());
            merged.merge(si.serviceName(), dcs, (existing, added) -> mergeSorted(added, existing));
        }
        List<ServiceIdentity> out = new ArrayList<>(merged.size());
        merged.forEach((name, dcs) -> out.add(new ServiceIdentity(name, dcs)));
        return List.copyOf(out);
    }

    /** Node identities validated, then de-duplicated on (name, datacenter) in first-seen order. */
    static List<NodeIdentity> nodeIdentities(List<NodeIdentity> identities) {
        for (NodeIdentity ni : identities) {
            if (ni.nodeName().isEmpty()) {
                throw AclException.invalid("Node identity is missing the node name field on this token");
            }
            if (ni.datacenter().isEmpty()) {
                throw AclException.invalid("Node identity is missing the datacenter field on this token");
            }
            if (!validIdentityName(ni.nodeName())) {
                throw AclException.invalid("Node identity has an invalid name. "
                        + "Only lowercase alphanumeric characters, '-' and '_' are allowed");
            }
        }
        return List.copyOf(new LinkedHashSet<>(identities));
    }

    static boolean validIdentityName(String name) {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        return bytes >= 1 && bytes <= IDENTITY_NAME_MAX_LENGTH && IDENTITY_NAME.matcher(name).matches();
    }

    private static List<String> sorted(List<String> values) {
        List<String> out = new ArrayList<>(values);
        out.sort(TokenLinks::compareBytes);
        return out;
    }

    /** Go's {@code stringslice.MergeSorted}: merges two sorted lists, keeping one of each pair of equal heads. */
    private static List<String> mergeSorted(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            int c = compareBytes(a.get(i), b.get(j));
            if (c < 0) {
                out.add(a.get(i++));
            } else if (c > 0) {
                out.add(b.get(j++));
            } else {
                out.add(a.get(i++));
                j++;
            }
        }
        out.addAll(a.subList(i, a.size()));
        out.addAll(b.subList(j, b.size()));
        return out;
    }

    /** Go's string order: UTF-8 bytes, unsigned. */
    static int compareBytes(String x, String y) {
        byte[] a = x.getBytes(StandardCharsets.UTF_8);
        byte[] b = y.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(a, b);
    }
}
