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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Atomix's SWIM protocol with four additions:
 * <ul>
 *   <li>{@link #getMember} returns {@code null} for a member never seen, where Atomix 3.1.12 throws a
 *       NullPointerException (which stalls Raft while a configured peer is missing, see shared/ATOMIX.md, defect 1);</li>
 *   <li>{@link #pushPull}: memberlist's push/pull join, which Atomix 3.1.12 runs only at start, to its discovery
 *       nodes, and within one probe timeout;</li>
 *   <li>a suspicion timeout that grows with the pool's size, as memberlist's does ({@link GossipTiming#failureTimeout});
 *       Atomix's is fixed;</li>
 *   <li>each update is gossiped in several rounds, until memberlist's retransmit limit ({@link RetransmitQueue});
 *       Atomix gossips it once.</li>
 * </ul>
 * Every other call is forwarded unchanged.
 *
 * <p>Atomix builders keep only {@code protocol.config()} and later call {@code config.getType().newProtocol(config)};
 * {@link #config()} therefore returns a config whose type hands back this very instance.
 */
final class SafeSwimProtocol implements GroupMembershipProtocol {

    private static final Logger log = LoggerFactory.getLogger(SafeSwimProtocol.class);

    /** Atomix's push/pull subject: the request carries the sender's state, the answer every member the peer holds. */
    private static final String SYNC_SUBJECT = "atomix-membership-sync";
    /**
     * A joiner's announcement of itself (UDP), as a gossip message of one state. It has its own subject so that its
     * receivers pass it on in one round only: the joiner sent it to every member it knew.
     */
    private static final String ANNOUNCE_SUBJECT = "attache-membership-announce";

    private final GroupMembershipProtocol delegate;
    private final SwimInternals internals;
    private final SwimMembershipProtocolConfig swimConfig;
    private final GossipTiming timing;
    private final RetransmitQueue retransmits;
    private final BiConsumer<Address, byte[]> announcements = this::handleAnnouncement;
    private final InstanceConfig config = new InstanceConfig(this);
    private volatile BootstrapService bootstrap;

    SafeSwimProtocol(GossipTiming timing) {
        this.timing = timing;
        this.swimConfig = timing.swimConfig();
        this.delegate = SwimMembershipProtocol.TYPE.newProtocol(swimConfig);
        this.internals = new SwimInternals(delegate);
        this.retransmits = new RetransmitQueue(timing.config().retransmitMult(), timing.config().gossipNodes());
        internals.replaceUpdates(retransmits);
        delegate.addListener(event -> scaleWithPool());
    }

    /**
     * Sets the suspicion timeout and the retransmit limit for the pool's present size, as memberlist scales them.
     * Atomix reads the timeout from its config at each failure check, on the SWIM thread, so both are set there.
     */
    private void scaleWithPool() {
        internals.onSwimThread(() -> {
            int members = delegate.getMembers().size();
            swimConfig.setFailureTimeout(timing.failureTimeout(members));
            retransmits.poolSize(members);
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
     *
     * <p>The states merged from the answer are not gossiped on: they are the contact's view, which the contact
     * gossips. Each receiver of the announcement passes it on in one round, not until the retransmit limit: the
     * joiner itself told every member it knew, and the contact gossips it in full to reach the others. Without
     * this, a burst of joins into a pool of n would gossip each joiner some n × limit times.
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
                    MemberId self = internals.localId();
                    for (MemberId known : internals.mergeGossip(answer)) {
                        if (!known.equals(self)) {
                            retransmits.drop(known);
                        }
                    }
                    byte[] announcement = internals.encodeLocalAsGossip();
                    for (Member m : delegate.getMembers()) {
                        if (m.isReachable() && !m.id().equals(self)) {
                            services.getUnicastService().unicast(m.address(), ANNOUNCE_SUBJECT, announcement);
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
        bootstrap.getUnicastService().addListener(ANNOUNCE_SUBJECT, announcements, internals.swimThread);
        return delegate.join(bootstrap, discovery, localMember);
    }

    /** A joiner's announcement, on SWIM's thread: merged as gossip, then passed on in one round. */
    private void handleAnnouncement(Address from, byte[] message) {
        try {
            for (MemberId joiner : internals.mergeGossip(message)) {
                retransmits.lastRound(joiner);
            }
        } catch (ReflectiveOperationException | RuntimeException malformed) {
            log.debug("ignored an announcement from {}: {}", from, malformed.toString());
        }
    }

    @Override
    public CompletableFuture<Void> leave(Member localMember) {
        BootstrapService services = bootstrap;
        if (services != null) {
            services.getUnicastService().removeListener(ANNOUNCE_SUBJECT, announcements);
        }
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
     * The parts of Atomix 3.1.12's {@code SwimMembershipProtocol} that a push/pull and retransmits need and that it
     * keeps private: its serializer, its local member, its single SWIM thread, its gossip handler and its map of
     * pending updates. Looked up once, at construction, so that another Atomix version fails at start rather than
     * on the first join.
     */
    private static final class SwimInternals {
        private final Object swim;
        private final Serializer serializer;
        private final Field localMember;
        private final Method copy;
        private final Method handleGossip;
        private final ScheduledExecutorService swimThread;
        private final ExecutorService eventThread;
        private final Field updates;

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
                this.updates = accessible(type.getDeclaredField("updates"));
                if (!(updates.get(swim) instanceof LinkedHashMap<?, ?>)) {
                    throw new IllegalStateException("pending updates are not the map this version was read from");
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("unsupported Atomix SWIM implementation: " + e, e);
            }
        }

        private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
            member.setAccessible(true);
            return member;
        }

        /** Puts {@code queue} in place of SWIM's map of pending updates, before SWIM starts. */
        void replaceUpdates(Map<MemberId, Member> queue) {
            try {
                updates.set(swim, queue);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("unsupported Atomix SWIM implementation: " + e, e);
            }
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

        /**
         * Applies a list of member states (a push/pull answer, an announcement) as SWIM applies gossip; returns
         * the members they were of. SWIM thread only.
         */
        List<MemberId> mergeGossip(byte[] members) throws ReflectiveOperationException {
            Collection<?> states = serializer.decode(members);
            handleGossip.invoke(swim, states);
            List<MemberId> ids = new ArrayList<>(states.size());
            for (Object state : states) {
                ids.add(((Member) state).id());
            }
            return ids;
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
