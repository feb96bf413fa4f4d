package dev.attache.cluster;

import java.util.Optional;

/** Leadership facts of this agent's datacenter, as far as this agent knows them. */
public interface Leadership {

    /** The node name of the datacenter's Raft leader, if one is known. */
    Optional<String> leader();

    /** True when this agent is a server and currently the Raft leader. */
    boolean isLeader();

    /** Milliseconds since this server last heard from the leader; 0 on the leader itself or when unknown. */
    long lastContactMillis();

    /** Raft facts for {@code /v1/agent/self}'s {@code Stats.raft}: every value a string, as Consul prints them. */
    java.util.Map<String, String> stats();
}
