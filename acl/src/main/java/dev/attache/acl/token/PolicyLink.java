package dev.attache.acl.token;

/**
 * A token's link to a policy (or role). Requests may give the ID, the name, or both (ID wins); stored links keep
 * the ID, and reads fill the name with the policy's current name. An absent part is the empty string, never null.
 */
public record PolicyLink(String id, String name) {
    public PolicyLink {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
    }

    public static PolicyLink ofId(String id) {
        return new PolicyLink(id, "");
    }
}
