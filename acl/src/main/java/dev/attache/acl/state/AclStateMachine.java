package dev.attache.acl.state;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The ACL state machine: applies {@link AclCommand}s at Raft indexes over an {@link AclState}, running every
 * validation, and publishes a new immutable snapshot after each write. Confined to one thread (the Raft service
 * thread); {@link #state()} may be read from any thread.
 *
 * <p>Every command, refused ones included, advances {@link AclState#index()} (it consumed a Raft index); only
 * changes advance the table indexes, and a refused command changes no table.
 */
public final class AclStateMachine {
    private final PolicyCommands policyCommands;
    private volatile AclState state = AclState.EMPTY;

    /** A state machine that accepts any policy rules text (the rules parser is wired in by the caller later). */
    public AclStateMachine() {
        this(rules -> { });
    }

    /**
     * @param rulesValidator checks a policy's rules text on create and update; it refuses bad rules by throwing
     *                       {@link dev.attache.acl.AclException} INVALID with Consul's message (e.g.
     *                       {@code Failed to parse ACL rules: ...}). It must be deterministic.
     */
    public AclStateMachine(Consumer<String> rulesValidator) {
        this.policyCommands = new PolicyCommands(Objects.requireNonNull(rulesValidator, "rulesValidator"));
    }

    /** The current snapshot. */
    public AclState state() {
        return state;
    }

    /** Replaces the whole state with a snapshot (a Raft snapshot install or restore). */
    public void restore(AclState snapshot) {
        state = Objects.requireNonNull(snapshot, "snapshot");
    }

    /**
     * Applies {@code command} committed at {@code index}. Returns the command's result value (an
     * {@link dev.attache.acl.token.AclToken}, an {@link dev.attache.acl.token.AclPolicy}, or {@link Boolean#TRUE}
     * for deletes and housekeeping) or throws {@link dev.attache.acl.AclException} with Consul's message, in which
     * case the tables are unchanged.
     */
    public Object apply(AclCommand command, long index) {
        Objects.requireNonNull(command, "command");
        AclState before = state;
        long newIndex = Math.max(index, before.index());
        AclTables tables = new AclTables(before);
        try {
            Object result = dispatch(command, tables, index);
            state = tables.changed() ? tables.toState(newIndex) : before.withIndex(newIndex);
            return result;
        } catch (RuntimeException refused) {
            state = before.withIndex(newIndex);
            throw refused;
        }
    }

    private Object dispatch(AclCommand command, AclTables tables, long index) {
        Optional<Object> replayed = Replays.earlierResult(command, tables);
        if (replayed.isPresent()) {
            return replayed.get();
        }
        if (command instanceof AclCommand.Initialize c) {
            return BootstrapCommands.initialize(c, tables, index);
        } else if (command instanceof AclCommand.Bootstrap c) {
            return BootstrapCommands.bootstrap(c, tables, index);
        } else if (command instanceof AclCommand.TokenCreate c) {
            return TokenCommands.create(c, tables, index);
        } else if (command instanceof AclCommand.TokenUpdate c) {
            return TokenCommands.update(c, tables, index);
        } else if (command instanceof AclCommand.TokenClone c) {
            return TokenCommands.clone(c, tables, index);
        } else if (command instanceof AclCommand.TokenDelete c) {
            return TokenCommands.delete(c, tables, index);
        } else if (command instanceof AclCommand.PolicyCreate c) {
            return policyCommands.create(c, tables, index);
        } else if (command instanceof AclCommand.PolicyUpdate c) {
            return policyCommands.update(c, tables, index);
        } else if (command instanceof AclCommand.PolicyDelete c) {
            return policyCommands.delete(c, tables, index);
        } else if (command instanceof AclCommand.ReapExpired c) {
            return TokenCommands.reapExpired(c, tables, index);
        } else if (command instanceof AclCommand.Replicate c) {
            return ReplicationCommands.replicate(c, tables, index);
        }
        throw new IllegalArgumentException("unknown ACL command " + command.getClass().getName());
    }
}
