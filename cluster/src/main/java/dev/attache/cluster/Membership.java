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

    /**
     * Consul's force-leave, applied here and broadcast to every member of the pool: a failed member becomes
     * left; an alive member becomes leaving, which it refutes if it is really alive; left and leaving stay.
     * With {@code prune}, a failed, left or leaving member is erased from every view instead. Completes
     * exceptionally with {@link UnknownMemberException} when this agent has never heard of {@code node}.
     */
    CompletableFuture<Void> forceLeave(String node, boolean prune);

    /** Registers a listener for status changes in this agent's view. */
    Registration addListener(MembershipListener listener);

    /** A listener handle; {@link #remove()} stops delivery. */
    interface Registration {
        void remove();
    }
}
