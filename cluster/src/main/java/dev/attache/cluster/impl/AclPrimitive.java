package dev.attache.cluster.impl;

import dev.attache.acl.AclException;
import dev.attache.acl.state.AclCodec;
import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.AclStateMachine;
import io.atomix.primitive.PrimitiveBuilder;
import io.atomix.primitive.PrimitiveManagementService;
import io.atomix.primitive.PrimitiveType;
import io.atomix.primitive.config.PrimitiveConfig;
import io.atomix.primitive.operation.OperationId;
import io.atomix.primitive.service.AbstractPrimitiveService;
import io.atomix.primitive.service.BackupInput;
import io.atomix.primitive.service.BackupOutput;
import io.atomix.primitive.service.Commit;
import io.atomix.primitive.service.PrimitiveService;
import io.atomix.primitive.service.ServiceConfig;
import io.atomix.primitive.service.ServiceExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACL state machine as an Atomix Raft primitive: one service ({@value #SERVICE_NAME}) on the datacenter's
 * single data partition. Commands and results travel as our own JSON bytes ({@link AclCodec}), never Kryo.
 *
 * <p>Each server's Atomix instance gets its own {@link Type} object (through {@link AclRegistry}), bound to that
 * server's {@link AclStateHost}, so the replica Atomix creates on a server publishes its state to that server's
 * agent, even with many agents in one JVM.
 */
final class AclPrimitive {
    private static final Logger log = LoggerFactory.getLogger(AclPrimitive.class);

    static final String TYPE_NAME = "attache-acl";
    static final String SERVICE_NAME = "acl";
    /** Applies one {@link AclCommand}; answers the encoded result. */
    static final OperationId APPLY = OperationId.command("apply");
    /** Answers the index of the last command the replica applied (8 bytes, big-endian). */
    static final OperationId APPLIED_INDEX = OperationId.query("appliedIndex");

    /** Thread-safe; one for the whole JVM is enough. */
    static final AclCodec CODEC = new AclCodec();

    private AclPrimitive() {
    }

    /**
     * The primitive type. Atomix's classpath scan instantiates every {@code PrimitiveType} it finds with the
     * no-argument constructor; that unbound instance is never used, since {@link AclRegistry} puts a bound one in
     * its place.
     */
    @SuppressWarnings("rawtypes")
    public static final class Type implements PrimitiveType {
        private final AclStateHost host;
        private final String nodeName;

        public Type() {
            this(null, "");
        }

        Type(AclStateHost host, String nodeName) {
            this.host = host;
            this.nodeName = nodeName;
        }

        @Override
        public String name() {
            return TYPE_NAME;
        }

        @Override
        public PrimitiveConfig newConfig() {
            throw new UnsupportedOperationException("the ACL primitive has no config");
        }

        @Override
        public PrimitiveBuilder newBuilder(String name, PrimitiveConfig config, PrimitiveManagementService management) {
            throw new UnsupportedOperationException("the ACL primitive is opened through its session client");
        }

        @Override
        public PrimitiveService newService(ServiceConfig config) {
            if (host == null) {
                throw new IllegalStateException("unbound ACL primitive type");
            }
            return new Service(this, host, nodeName);
        }
    }

    /** The replica: a state machine fed by committed entries. Runs on its partition's Raft service thread. */
    static final class Service extends AbstractPrimitiveService<Void> {
        private final AclStateHost host;
        private final String nodeName;
        private AclStateMachine machine;

        Service(Type type, AclStateHost host, String nodeName) {
            super(type);
            this.host = host;
            this.nodeName = nodeName;
            this.machine = host.newMachine();
        }

        @Override
        protected void configure(ServiceExecutor executor) {
            executor.handle(APPLY, this::applyCommand);
            executor.handle(APPLIED_INDEX, commit -> longBytes(machine.state().index()));
        }

        private byte[] applyCommand(Commit<byte[]> commit) {
            byte[] result;
            try {
                AclCommand command = CODEC.decodeCommand(commit.value());
                try {
                    result = CODEC.encodeResult(machine.apply(command, commit.index()));
                } catch (AclException e) {
                    result = CODEC.encodeResult(e);
                }
            } catch (RuntimeException e) {
                // A command this replica cannot decode or apply: refuse it the same way everywhere.
                log.error("{}: acl: cannot apply the entry at index {}", nodeName, commit.index(), e);
                result = CODEC.encodeResult(AclException.invalid("Cannot apply ACL command: " + e.getMessage()));
            }
            host.applied(machine);
            return result;
        }

        @Override
        public void backup(BackupOutput output) {
            byte[] snapshot = CODEC.encodeSnapshot(machine.state());
            output.writeInt(snapshot.length);
            output.write(snapshot);
        }

        @Override
        public void restore(BackupInput input) {
            byte[] snapshot = input.readBytes(input.readInt());
            machine = host.newMachine();
            machine.restore(CODEC.decodeSnapshot(snapshot));
            host.applied(machine, true);
            log.info("{}: acl: restored a snapshot at index {}", nodeName, machine.state().index());
        }
    }

    static byte[] longBytes(long v) {
        return java.nio.ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }

    static long bytesLong(byte[] b) {
        return java.nio.ByteBuffer.wrap(b).getLong();
    }
}
