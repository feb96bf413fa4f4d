package dev.attache.cluster;

/** A member name this agent has never heard of in the pool asked about. Consul's text. */
public class UnknownMemberException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String node;

    public UnknownMemberException(String node) {
        super("agent: No node found with name '" + node + "'");
        this.node = node;
    }

    public String node() {
        return node;
    }
}
