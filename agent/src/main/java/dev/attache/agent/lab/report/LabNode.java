package dev.attache.agent.lab.report;

/** One node of {@code lab.json}; only the fields the report uses. */
public record LabNode(
        String name,
        String dc,
        String role,
        String wan,
        String state) {
    public static final String SERVER = "server";

    public LabNode {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a node without a name");
        }
        if (dc == null || dc.isBlank()) {
            throw new IllegalArgumentException("node " + name + " has no dc");
        }
        role = role == null ? "client" : role;
    }

    /** Servers are members of the WAN pool. */
    public boolean server() {
        return SERVER.equals(role) || wan != null;
    }

    /** The node's name in the WAN pool: {@code node.dc}. */
    public String wanName() {
        return name + "." + dc;
    }
}
