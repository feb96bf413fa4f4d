package dev.attache.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One gossip pool (the LAN pool of a datacenter, or the WAN pool of servers) as this agent sees it. */
public interface Membership {

    /** This agent's own entry in the pool. */
    Member localMember();

    /** Every member this agent knows of, itself included, failed and left members included until reaped. */
    List<Member> members();

    /**
     * Joins the pool through one address ({@code host} or {@code host:port}; without a port, the pool's
     * default gossip port). Completes when the address answered and its member is known; completes
     * exceptionally with {@link JoinException} when it could not be reached in time.
     */
    CompletableFuture<Void> join(String address);

    /** Registers a listener for status changes in this agent's view. */
    Registration addListener(MembershipListener listener);

    /** A listener handle; {@link #remove()} stops delivery. */
    interface Registration {
        void remove();
    }
}
