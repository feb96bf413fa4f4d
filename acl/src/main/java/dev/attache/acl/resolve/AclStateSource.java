package dev.attache.acl.resolve;

import dev.attache.acl.state.AclState;
import java.util.concurrent.CompletableFuture;

/**
 * Where a resolver gets the ACL state: on a server its own replica (answered at once), on a client agent its
 * datacenter's servers. The future fails when no state can be had (no server reachable).
 */
@FunctionalInterface
public interface AclStateSource {
    CompletableFuture<AclState> state();
}
