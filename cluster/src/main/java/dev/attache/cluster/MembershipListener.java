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

    /**
     * SWIM suspicion of a member this agent lists as alive began ({@code suspect} true: it missed its probes, and is
     * declared failed unless it refutes in time) or ended without a status change (it answered again). The member's
     * status stays alive meanwhile, as Consul shows a suspect. May repeat; ignored by default.
     */
    default void suspicionChanged(Member member, boolean suspect) {
    }
}
