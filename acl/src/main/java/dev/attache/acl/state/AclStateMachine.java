package dev.attache.acl.state;

/**
 * The ACL state machine: applies {@link AclCommand}s at Raft indexes over an {@link AclState}, running every
 * validation, and publishes a new immutable snapshot after each write. Confined to one thread (the Raft service
 * thread); {@link #state()} may be read from any thread.
 */
public final class AclStateMachine {
    private volatile AclState state = AclState.EMPTY;

    /** The current snapshot. */
    public AclState state() {
        return state;
    }

    /**
     * Applies {@code command} committed at {@code index}. Returns the command's result value (an
     * {@link dev.attache.acl.token.AclToken}, an {@link dev.attache.acl.token.AclPolicy}, or {@link Boolean#TRUE}
     * for deletes and housekeeping) or throws {@link dev.attache.acl.AclException} with Consul's message, in which
     * case the state is unchanged.
     */
    public Object apply(AclCommand command, long index) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
