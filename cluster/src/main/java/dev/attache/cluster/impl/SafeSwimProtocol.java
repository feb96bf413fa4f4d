package dev.attache.cluster.impl;

import io.atomix.cluster.BootstrapService;
import io.atomix.cluster.Member;
import io.atomix.cluster.MemberId;
import io.atomix.cluster.discovery.NodeDiscoveryService;
import io.atomix.cluster.protocol.GroupMembershipEventListener;
import io.atomix.cluster.protocol.GroupMembershipProtocol;
import io.atomix.cluster.protocol.GroupMembershipProtocolConfig;
import io.atomix.cluster.protocol.SwimMembershipProtocol;
import io.atomix.cluster.protocol.SwimMembershipProtocolConfig;
import io.atomix.utils.net.Address;
import io.atomix.utils.serializer.Serializer;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Atomix's SWIM protocol with three additions:
 * <ul>
 *   <li>{@link #getMember} returns {@code null} for a member never seen, where Atomix 3.1.12 throws a
 *       NullPointerException (which stalls Raft while a configured peer is missing, see shared/ATOMIX.md, defect 1);</li>
 *   <li>{@link #pushPull}: memberlist's push/pull join, which Atomix 3.1.12 runs only at start, to its discovery
 *       nodes, and within one probe timeout;</li>
 *   <li>a suspicion timeout that grows with the pool's size, as memberlist's does ({@link GossipTiming#failureTimeout});
 *       Atomix's is fixed.</li>
 * </ul>
 * Every other call is forwarded unchanged.
 *
 * <p>Atomix builders keep only {@code protocol.config()} and later call {@code config.getType().newProtocol(config)};
 * {@link #config()} therefore returns a config whose type hands back this very instance.
 */
final class SafeSwimProtocol implements GroupMembershipProtocol {

    /** Atomix's push/pull subject: the request carries the sender's state, the answer every member the peer holds. */
    private static final String SYNC_SUBJECT = "atomix-membership-sync";
    /** Atomix's gossip subject (UDP): a list of member states. */
    private static final String GOSSIP_SUBJECT = "atomix-membership-gossip";

    private final GroupMembershipProtocol delegate;
    private final SwimInternals internals;
    private final SwimMembershipProtocolConfig swimConfig;
    private final GossipTiming timing;
    private final InstanceConfig config = new InstanceConfig(this);
    private volatile BootstrapService bootstrap;

    SafeSwimProtocol(GossipTiming timing) {
        this.timing = timing;
        this.swimConfig = timing.swimConfig();
        this.delegate = SwimMembershipProtocol.TYPE.newProtocol(swimConfig);
        this.internals = new SwimInternals(delegate);
        delegate.addListener(event -> scaleSuspicion());
    }

    /**
     * Sets the suspicion timeout for the pool's present size, as memberlist scales it. Atomix reads it from its
     * config at each failure check, on the SWIM thread, so it is set there.
     */
    private void scaleSuspicion() {
        internals.onSwimThread(() -> {
            swimConfig.setFailureTimeout(timing.failureTimeout(delegate.getMembers().size()));
            return null;
        });
    }

    /** The suspicion timeout in force: how long a member stays suspect before it is declared dead. */
    Duration suspicionTimeout() {
        return swimConfig.getFailureTimeout();
    }

    /**
     * Memberlist's push/pull join, over SWIM's own messages: sends this member's state to {@code contact} over TCP
     * (Atomix's sync subject; the contact adds this member and gossips it), merges every member the contact answers
     * with into this member's view as if gossiped, then announces this member to each member now known reachable
     * over UDP, so that the pool learns of it in one round rather than through gossip rounds. Completes once the
     * answer is merged and the membership events it caused have been delivered to listeners; fails with the
     * messaging error, or a timeout after {@code timeout}.
     */
    CompletableFuture<Void> pushPull(Address contact, Duration timeout) {
        BootstrapService services = bootstrap;
        if (services == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the pool has not started"));
        }
        return internals.onSwimThread(internals::encodeLocal)
                .thenCompose(local -> services.getMessagingService()
                        .sendAndReceive(contact, SYNC_SUBJECT, local, false, timeout))
                .thenCompose(answer -> internals.onSwimThread(() -> {
                    internals.mergeGossip(answer);
                    byte[] announcement = internals.encodeLocalAsGossip();
                    MemberId self = internals.localId();
                    for (Member m : delegate.getMembers()) {
                        if (m.isReachable() && !m.id().equals(self)) {
                            services.getUnicastService().unicast(m.address(), GOSSIP_SUBJECT, announcement);
                        }
                    }
                    return null;
                }))
                .thenCompose(v -> internals.afterEvents());
    }

    @Override
    public GroupMembershipProtocolConfig config() {
        return config;
    }

    @Override
    public Set<Member> getMembers() {
        return delegate.getMembers();
    }

    @Override
    public Member getMember(MemberId memberId) {
        try {
            return delegate.getMember(memberId);
        } catch (NullPointerException unknownMember) {
            return null;
        }
    }

    @Override
    public CompletableFuture<Void> join(BootstrapService bootstrap, NodeDiscoveryService discovery, Member localMember) {
        this.bootstrap = bootstrap;
        return delegate.join(bootstrap, discovery, localMember);
    }

    @Override
    public CompletableFuture<Void> leave(Member localMember) {
        return delegate.leave(localMember);
    }

    @Override
    public void addListener(GroupMembershipEventListener listener) {
        delegate.addListener(listener);
    }

    @Override
    public void removeListener(GroupMembershipEventListener listener) {
        delegate.removeListener(listener);
    }

    /**
     * The parts of Atomix 3.1.12's {@code SwimMembershipProtocol} that a push/pull needs and that it keeps private:
     * its serializer, its local member, its single SWIM thread and its gossip handler. Looked up once, at
     * construction, so that another Atomix version fails at start rather than on the first join.
     */
    private static final class SwimInternals {
        private final Object swim;
        private final Serializer serializer;
        private final Field localMember;
        private final Method copy;
        private final Method handleGossip;
        private final ScheduledExecutorService swimThread;
        private final ExecutorService eventThread;

        SwimInternals(Object swim) {
            this.swim = swim;
            try {
                Class<?> type = SwimMembershipProtocol.class;
                Field serializerField = accessible(type.getDeclaredField("SERIALIZER"));
                this.serializer = (Serializer) serializerField.get(null);
                this.localMember = accessible(type.getDeclaredField("localMember"));
                Class<?> swimMember = Class.forName(type.getName() + "$SwimMember");
                this.copy = accessible(swimMember.getDeclaredMethod("copy"));
                this.handleGossip = accessible(type.getDeclaredMethod("handleGossipUpdates", Collection.class));
                this.swimThread = (ScheduledExecutorService) accessible(type.getDeclaredField("swimScheduler")).get(swim);
                this.eventThread = (ExecutorService) accessible(type.getDeclaredField("eventExecutor")).get(swim);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("unsupported Atomix SWIM implementation: " + e, e);
            }
        }

        private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
            member.setAccessible(true);
            return member;
        }

        /** Runs {@code task} on SWIM's own thread, where its state may be read and changed. */
        <T> CompletableFuture<T> onSwimThread(Callable<T> task) {
            CompletableFuture<T> result = new CompletableFuture<>();
            try {
                swimThread.execute(() -> {
                    try {
                        result.complete(task.call());
                    } catch (Exception | LinkageError e) {
                        result.completeExceptionally(e);
                    }
                });
            } catch (RejectedExecutionException stopped) {
                result.completeExceptionally(new IllegalStateException("the pool has stopped"));
            }
            return result;
        }

        /**
         * Completes once every membership event posted so far has been delivered: SWIM posts events to listeners,
         * in order, on its single event thread.
         */
        CompletableFuture<Void> afterEvents() {
            CompletableFuture<Void> delivered = new CompletableFuture<>();
            try {
                eventThread.execute(() -> delivered.complete(null));
            } catch (RejectedExecutionException stopped) {
                delivered.completeExceptionally(new IllegalStateException("the pool has stopped"));
            }
            return delivered;
        }

        MemberId localId() throws ReflectiveOperationException {
            return ((Member) localMember.get(swim)).id();
        }

        /** This member's state as a push/pull request carries it. */
        byte[] encodeLocal() throws ReflectiveOperationException {
            return serializer.encode(copy.invoke(localMember.get(swim)));
        }

        /** This member's state as a gossip message carries it: a list of one. */
        byte[] encodeLocalAsGossip() throws ReflectiveOperationException {
            List<Object> one = new ArrayList<>();
            one.add(copy.invoke(localMember.get(swim)));
            return serializer.encode(one);
        }

        /** Applies a list of member states (a push/pull answer) as SWIM applies gossip. SWIM thread only. */
        void mergeGossip(byte[] members) throws ReflectiveOperationException {
            Collection<?> states = serializer.decode(members);
            handleGossip.invoke(swim, states);
        }
    }

    /** The config Atomix keeps; its type returns the protocol instance it belongs to. */
    private static final class InstanceConfig extends GroupMembershipProtocolConfig {
        private final InstanceType type;

        private InstanceConfig(SafeSwimProtocol protocol) {
            this.type = new InstanceType(protocol);
        }

        @Override
        public GroupMembershipProtocol.Type<InstanceConfig> getType() {
            return type;
        }
    }

    /**
     * Private on purpose: Atomix's classpath-scanning registry instantiates every non-private
     * {@code NamedType} through a no-argument constructor, which this one does not have.
     */
    private static final class InstanceType implements GroupMembershipProtocol.Type<InstanceConfig> {
        private final SafeSwimProtocol protocol;

        private InstanceType(SafeSwimProtocol protocol) {
            this.protocol = protocol;
        }

        @Override
        public String name() {
            return "attache-safe-swim";
        }

        @Override
        public InstanceConfig newConfig() {
            return protocol.config;
        }

        @Override
        public GroupMembershipProtocol newProtocol(InstanceConfig config) {
            return protocol;
        }
    }
}
