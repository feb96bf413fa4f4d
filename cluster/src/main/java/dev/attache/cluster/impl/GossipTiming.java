package dev.attache.cluster.impl;

import dev.attache.cluster.GossipConfig;
import io.atomix.cluster.protocol.SwimMembershipProtocolConfig;
import java.time.Duration;

/**
 * How a Consul-style {@link GossipConfig} maps onto Atomix's SWIM settings, plus the agent-side timings derived
 * from it.
 *
 * <table>
 *   <caption>GossipConfig → Atomix SwimMembershipProtocolConfig</caption>
 *   <tr><th>Consul / GossipConfig</th><th>Atomix</th><th>LAN default</th></tr>
 *   <tr><td>probe_interval</td><td>probeInterval</td><td>1 s</td></tr>
 *   <tr><td>probe_timeout</td><td>probeTimeout (direct probe; Atomix gives indirect probes twice as long)</td>
 *       <td>500 ms</td></tr>
 *   <tr><td>IndirectChecks = 3</td><td>suspectProbes = 4 (Atomix asks suspectProbes − 1 peers)</td><td>4</td></tr>
 *   <tr><td>suspicion_mult × max(1, log10(n)) × probe_interval, n the members not dead (memberlist's suspicion
 *       timeout once the suspicion is confirmed)</td>
 *       <td>failureTimeout: how long a member stays SUSPECT before it is DEAD; set again at every membership
 *       change ({@link SafeSwimProtocol})</td><td>4 s up to 10 members, 5.9 s at 30, 8 s at 100</td></tr>
 *   <tr><td>gossip_interval</td><td>gossipInterval</td><td>200 ms</td></tr>
 *   <tr><td>gossip_nodes</td><td>gossipFanout</td><td>3 (WAN 4)</td></tr>
 *   <tr><td>retransmit_mult × ⌈log10(n + 1)⌉</td><td>how many times an update is gossiped
 *       ({@link RetransmitQueue}; Atomix gossips it once)</td><td>4 × …</td></tr>
 * </table>
 * Memberlist starts a suspicion at six times that timeout and shortens it to the timeout as other members confirm
 * the suspicion; Atomix has no confirmations, so the timeout is the confirmed one. A hard-killed member is
 * therefore declared failed after roughly one probe round (≤ n × probe_interval), the direct plus indirect probe
 * timeouts, and the suspicion timeout.
 *
 * <p>Derived agent timings (Consul has fixed values; here they scale with the pool's speed so a fast test config
 * stays fast, and the LAN defaults give Consul's numbers):
 * <ul>
 *   <li>retry-join interval: 30 × probe_interval, clamped to [1 s, 30 s] (Consul's retry_interval is 30 s);</li>
 *   <li>reconnect interval, how often a failed member's address is probed again: the same (Serf's
 *       ReconnectInterval is 30 s);</li>
 *   <li>leave propagation wait: 10 × gossip_interval, clamped to [200 ms, 3 s] (Consul waits 3 s);</li>
 *   <li>reap check period: a quarter of the shorter of reconnect/tombstone timeout, clamped to [50 ms, 15 s]
 *       (Serf's ReapInterval is 15 s);</li>
 *   <li>confirmation ping timeout (a left or erased member seen alive again must answer within it):
 *       twice the probe timeout, at least 500 ms.</li>
 * </ul>
 */
final class GossipTiming {

    /** Consul's IndirectChecks (3) plus the direct probe. */
    static final int SUSPECT_PROBES = 4;

    private final GossipConfig config;

    GossipTiming(GossipConfig config) {
        this.config = config;
    }

    GossipConfig config() {
        return config;
    }

    SwimMembershipProtocolConfig swimConfig() {
        return new SwimMembershipProtocolConfig()
                .setProbeInterval(config.probeInterval())
                .setProbeTimeout(config.probeTimeout())
                .setSuspectProbes(SUSPECT_PROBES)
                .setFailureTimeout(failureTimeout(1))
                .setGossipInterval(config.gossipInterval())
                .setGossipFanout(config.gossipNodes())
                .setRetainTombstones(true);
    }

    /**
     * How long a member stays suspect before it is declared dead, in a pool of {@code members} members that are not
     * dead: memberlist's {@code suspicionTimeout}, suspicion_mult × max(1, log10(members)) × probe_interval.
     */
    Duration failureTimeout(int members) {
        double nodeScale = Math.max(1.0, Math.log10(Math.max(1, members)));
        long millis = (long) (nodeScale * 1000); // memberlist keeps three decimals of the scale
        return Duration.ofNanos(config.probeInterval().toNanos() * config.suspicionMult() * millis / 1000);
    }

    Duration retryJoinInterval() {
        return clamp(config.probeInterval().multipliedBy(30), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    Duration reconnectInterval() {
        return retryJoinInterval();
    }

    Duration leavePropagateDelay() {
        return clamp(config.gossipInterval().multipliedBy(10), Duration.ofMillis(200), Duration.ofSeconds(3));
    }

    Duration reapPeriod() {
        Duration shorter = config.reconnectTimeout().compareTo(config.tombstoneTimeout()) < 0
                ? config.reconnectTimeout() : config.tombstoneTimeout();
        return clamp(shorter.dividedBy(4), Duration.ofMillis(50), Duration.ofSeconds(15));
    }

    Duration confirmTimeout() {
        return clamp(config.probeTimeout().multipliedBy(2), Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    private static Duration clamp(Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0) {
            return min;
        }
        return value.compareTo(max) > 0 ? max : value;
    }
}
