package dev.attache.agent.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A token's link to a policy (or a role), as the Go client's {@code api.ACLLink}: both fields always written, so a
 * link by name goes out as {@code {"ID":"","Name":"web"}}. On reads the server fills in the current name.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AclLink(@JsonProperty("ID") String id, @JsonProperty("Name") String name) {
    AclLink {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
    }

    static AclLink byId(String id) {
        return new AclLink(id, "");
    }

    static AclLink byName(String name) {
        return new AclLink("", name);
    }
}
