package dev.attache.acl.state;

import java.util.List;

/** The caller-supplied fields of a policy create or update; the state machine validates them. */
public record PolicySpec(String name, String description, String rules, List<String> datacenters) {
    public PolicySpec {
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        rules = rules == null ? "" : rules;
        datacenters = datacenters == null ? List.of() : List.copyOf(datacenters);
    }
}
