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
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Atomix's SWIM protocol with one fix: {@link #getMember} returns {@code null} for a member never seen,
 * where Atomix 3.1.12 throws a NullPointerException (which stalls Raft while a configured peer is missing,
 * see shared/ATOMIX.md, defect 1). Every other call is forwarded unchanged.
 *
 * <p>Atomix builders keep only {@code protocol.config()} and later call {@code config.getType().newProtocol(config)};
 * {@link #config()} therefore returns a config whose type hands back this very instance.
 */
final class SafeSwimProtocol implements GroupMembershipProtocol {

    private final GroupMembershipProtocol delegate;
    private final InstanceConfig config = new InstanceConfig(this);

    SafeSwimProtocol(SwimMembershipProtocolConfig swimConfig) {
        this.delegate = SwimMembershipProtocol.TYPE.newProtocol(swimConfig);
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
