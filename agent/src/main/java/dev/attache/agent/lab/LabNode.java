package dev.attache.agent.lab;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One agent of a lab, as {@code lab.json} lists it.
 *
 * @param name     {@code <dc>-s<i>} for servers, {@code <dc>-c<i>} for clients
 * @param dc       its datacenter
 * @param role     {@code server} or {@code client}
 * @param pid      its process id (0 before it first started)
 * @param http     HTTP API address, {@code host:port}
 * @param lan      LAN gossip address
 * @param wan      WAN gossip address on a server, null on a client
 * @param dataDir  its data directory
 * @param log      its log file (the agent's stdout and stderr)
 * @param timeline its timeline file, relative to the lab directory
 * @param netns    its network namespace, null when the lab runs on loopback
 * @param state    {@code running}, {@code killed}, {@code paused} or {@code stopped}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"name", "dc", "role", "pid", "http", "lan", "wan", "data_dir", "log", "timeline", "netns", "state"})
public record LabNode(
        @JsonProperty("name") String name,
        @JsonProperty("dc") String dc,
        @JsonProperty("role") String role,
        @JsonProperty("pid") long pid,
        @JsonProperty("http") String http,
        @JsonProperty("lan") String lan,
        @JsonProperty("wan") String wan,
        @JsonProperty("data_dir") String dataDir,
        @JsonProperty("log") String log,
        @JsonProperty("timeline") String timeline,
        @JsonProperty("netns") String netns,
        @JsonProperty("state") String state) {

    public static final String SERVER = "server";
    public static final String CLIENT = "client";
    public static final String RUNNING = "running";
    public static final String KILLED = "killed";
    public static final String PAUSED = "paused";
    public static final String STOPPED = "stopped";

    public LabNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dc, "dc");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(state, "state");
    }

    @JsonIgnore
    public boolean isServer() {
        return SERVER.equals(role);
    }

    /** The host part of the HTTP address: the node's own address. */
    @JsonIgnore
    public String host() {
        return http.substring(0, http.lastIndexOf(':'));
    }

    public LabNode withState(String newState) {
        return new LabNode(name, dc, role, pid, http, lan, wan, dataDir, log, timeline, netns, newState);
    }

    public LabNode withPid(long newPid, String newState) {
        return new LabNode(name, dc, role, newPid, http, lan, wan, dataDir, log, timeline, netns, newState);
    }
}
