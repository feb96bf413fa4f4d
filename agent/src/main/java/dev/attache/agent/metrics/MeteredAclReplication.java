package dev.attache.agent.metrics;

import com.codahale.metrics.Counter;
import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.AclState;
import dev.attache.acl.state.AclTable;
import dev.attache.cluster.AclReplication;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The ACL state's replication, counting the writes committed through Raft ({@code raft.apply}). */
public final class MeteredAclReplication implements AclReplication {
    private final AclReplication delegate;
    private final Counter applied;

    public MeteredAclReplication(AclReplication delegate, AgentMetrics metrics) {
        this.delegate = delegate;
        this.applied = metrics.counter("raft.apply");
    }

    @Override
    public CompletableFuture<Object> submit(AclCommand command) {
        return delegate.submit(command).whenComplete((result, error) -> {
            if (error == null) {
                applied.inc();
            }
        });
    }

    @Override
    public CompletableFuture<AclState> read(Consistency consistency) {
        return delegate.read(consistency);
    }

    @Override
    public CompletableFuture<AclState> await(Consistency consistency, AclTable table, long minIndex, Duration timeout) {
        return delegate.await(consistency, table, minIndex, timeout);
    }
}
