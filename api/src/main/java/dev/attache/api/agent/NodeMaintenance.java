package dev.attache.api.agent;

import java.util.Optional;

/** The agent's node maintenance mode, as {@code PUT /v1/agent/maintenance} drives it (consul-behavior.md §3.6). */
public interface NodeMaintenance {

    /** The {@code _node_maintenance} check while the node is in maintenance. */
    Optional<CheckJson> check();

    /**
     * Puts the node in maintenance with {@code reason} ("" for Consul's default text), remembering the token the
     * request used. Does nothing when it already is: the first reason stays.
     */
    void enable(String reason, String token);

    /** Takes the node out of maintenance; does nothing when it is not in maintenance. */
    void disable();
}
