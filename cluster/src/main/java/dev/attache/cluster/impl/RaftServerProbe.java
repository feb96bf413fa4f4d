package dev.attache.cluster.impl;

import io.atomix.core.Atomix;
import io.atomix.primitive.partition.Partition;
import io.atomix.primitive.partition.PartitionGroup;
import io.atomix.protocols.raft.impl.RaftContext;
import java.lang.reflect.Field;
import java.util.Optional;

/**
 * Reaches the Raft server state of this node's replica of a partition.
 *
 * <p>Atomix exposes a partition's leader only through its Raft <em>client</em>, which learns it from session
 * traffic and can be stale or empty for a long time. The server's {@link RaftContext} knows the role, term, leader
 * and log indexes, but Atomix 3.1.12 keeps it in private fields: {@code RaftPartition.server →
 * RaftPartitionServer.server → DefaultRaftServer.context}. This class reads them reflectively (classpath classes,
 * no {@code --add-opens} needed) and returns empty if the layout differs or the server is not built yet.
 */
final class RaftServerProbe {

    private RaftServerProbe() {
    }

    static Optional<RaftContext> context(Atomix atomix, String groupName) {
        try {
            PartitionGroup group = atomix.getPartitionService().getPartitionGroup(groupName);
            if (group == null) {
                return Optional.empty();
            }
            for (Partition partition : group.getPartitions()) {
                Object partitionServer = field(partition, "server");
                Object raftServer = partitionServer == null ? null : field(partitionServer, "server");
                Object context = raftServer == null ? null : field(raftServer, "context");
                if (context instanceof RaftContext raft) {
                    return Optional.of(raft);
                }
            }
            return Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException next) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name + " in " + target.getClass().getName());
    }
}
