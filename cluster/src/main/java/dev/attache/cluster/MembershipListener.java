package dev.attache.cluster;

/** Receives changes of this agent's view of a pool. */
@FunctionalInterface
public interface MembershipListener {
    /**
     * A member's status changed in this agent's view.
     *
     * @param member the member with its new status
     * @param previous its previous status, {@link MemberStatus#NONE} when the member is new
     */
    void statusChanged(Member member, MemberStatus previous);
}
