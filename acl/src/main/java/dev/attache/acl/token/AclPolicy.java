package dev.attache.acl.token;

import java.util.List;

/**
 * A stored ACL policy. {@code rules} is the text as written (HCL or JSON), validated at write time;
 * {@code datacenters} empty means every datacenter.
 *
 * @param hash base64 (with padding) of the BLAKE2b-256 policy hash
 */
public record AclPolicy(String id, String name, String description, String rules, List<String> datacenters,
                        String hash, long createIndex, long modifyIndex) {

    public static final String GLOBAL_MANAGEMENT_ID = "00000000-0000-0000-0000-000000000001";
    public static final String GLOBAL_MANAGEMENT_NAME = "global-management";
    public static final String GLOBAL_READ_ONLY_ID = "00000000-0000-0000-0000-000000000002";
    public static final String GLOBAL_READ_ONLY_NAME = "builtin/global-read-only";

    public AclPolicy {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        rules = rules == null ? "" : rules;
        datacenters = datacenters == null ? List.of() : List.copyOf(datacenters);
        hash = hash == null ? "" : hash;
    }

    public boolean isBuiltin() {
        return GLOBAL_MANAGEMENT_ID.equals(id) || GLOBAL_READ_ONLY_ID.equals(id);
    }

    /** True when the policy applies in {@code datacenter} (no list means everywhere). */
    public boolean appliesIn(String datacenter) {
        return datacenters.isEmpty() || datacenters.contains(datacenter);
    }
}
