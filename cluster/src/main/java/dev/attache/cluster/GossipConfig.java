package dev.attache.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * SWIM timing of one gossip pool. Named after Consul's {@code gossip_lan} / {@code gossip_wan} options.
 *
 * @param probeInterval    how often each member probes one other member
 * @param probeTimeout     how long a probe may take before the member is suspected
 * @param suspicionMult    multiplier of the probe interval a member stays suspect before it is declared failed
 * @param gossipInterval   how often members gossip state changes
 * @param reconnectTimeout how long a failed member stays listed before it is reaped
 * @param tombstoneTimeout how long a left member stays listed before it is reaped
 * @param retransmitMult   how many times a change is gossiped: retransmit_mult × ⌈log10(n + 1)⌉ messages, n the
 *                         members of the pool (memberlist's retransmit limit)
 * @param gossipNodes      how many random members each gossip round goes to
 */
public record GossipConfig(
        Duration probeInterval,
        Duration probeTimeout,
        int suspicionMult,
        Duration gossipInterval,
        Duration reconnectTimeout,
        Duration tombstoneTimeout,
        int retransmitMult,
        int gossipNodes) {

    /** Consul's {@code retransmit_mult}, on the LAN and the WAN alike. */
    public static final int DEFAULT_RETRANSMIT_MULT = 4;
    /** Consul's LAN {@code gossip_nodes}. */
    public static final int DEFAULT_GOSSIP_NODES = 3;

    /** Consul's LAN defaults (memberlist LAN config with Consul's overrides). */
    public static final GossipConfig LAN_DEFAULTS = new GossipConfig(
            Duration.ofSeconds(1), Duration.ofMillis(500), 4, Duration.ofMillis(200),
            Duration.ofHours(72), Duration.ofHours(24));

    /** Consul's WAN defaults. */
    public static final GossipConfig WAN_DEFAULTS = new GossipConfig(
            Duration.ofSeconds(5), Duration.ofSeconds(3), 6, Duration.ofMillis(500),
            Duration.ofHours(72), Duration.ofHours(24), DEFAULT_RETRANSMIT_MULT, 4);

    /** Consul's dev-mode timing (LAN and WAN alike). */
    public static final GossipConfig DEV = new GossipConfig(
            Duration.ofMillis(100), Duration.ofMillis(100), 3, Duration.ofMillis(100),
            Duration.ofHours(72), Duration.ofHours(24));

    /**
     * A fast profile for labs and tests: a stopped or frozen member is declared failed in about a second on
     * loopback. Too eager for real networks, where a busy host would be declared failed by mistake.
     */
    public static final GossipConfig FAST = new GossipConfig(
            Duration.ofMillis(200), Duration.ofMillis(200), 3, Duration.ofMillis(100),
            Duration.ofHours(72), Duration.ofHours(24));

    public GossipConfig {
        Objects.requireNonNull(probeInterval, "probeInterval");
        Objects.requireNonNull(probeTimeout, "probeTimeout");
        Objects.requireNonNull(gossipInterval, "gossipInterval");
        Objects.requireNonNull(reconnectTimeout, "reconnectTimeout");
        Objects.requireNonNull(tombstoneTimeout, "tombstoneTimeout");
        if (suspicionMult < 1) {
            throw new IllegalArgumentException("suspicion_mult must be at least 1");
        }
        if (retransmitMult < 1) {
            throw new IllegalArgumentException("retransmit_mult must be at least 1");
        }
        if (gossipNodes < 1) {
            throw new IllegalArgumentException("gossip_nodes must be at least 1");
        }
    }

    /** A timing with Consul's LAN retransmit multiplier and gossip fanout. */
    public GossipConfig(Duration probeInterval, Duration probeTimeout, int suspicionMult, Duration gossipInterval,
                        Duration reconnectTimeout, Duration tombstoneTimeout) {
        this(probeInterval, probeTimeout, suspicionMult, gossipInterval, reconnectTimeout, tombstoneTimeout,
                DEFAULT_RETRANSMIT_MULT, DEFAULT_GOSSIP_NODES);
    }
}
