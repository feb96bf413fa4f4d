package dev.attache.api.agent;

import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;
import dev.attache.api.BuildInfo;
import dev.attache.cluster.Leadership;
import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import dev.attache.cluster.Membership;
import dev.attache.hostinfo.HostInfoProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import dev.attache.api.json.Prerendered;

/** The agent's own facts: version, self, host. */
public final class AgentEndpoints {
    private static final Prerendered COORD = Prerendered.of(SelfJson.Coord.ORIGIN);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Map<String, String> AGENT_STATS =
            Map.of("checks", "0", "check_monitors", "0", "check_ttls", "0", "services", "0");
    /** The same while the node maintenance check is registered (the agent's only check). */
    private static final Map<String, String> AGENT_STATS_IN_MAINTENANCE =
            Map.of("checks", "1", "check_monitors", "0", "check_ttls", "0", "services", "0");
    /** The parts of {@code Stats.runtime} that do not change while the JVM runs. */
    private static final Map<String, String> RUNTIME_STATS = Map.of(
            "arch", System.getProperty("os.arch"),
            "os", System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT),
            "version", "java" + Runtime.version(),
            "cpu_count", String.valueOf(Runtime.getRuntime().availableProcessors()),
            "max_procs", String.valueOf(Runtime.getRuntime().availableProcessors()));

    private final AgentInfo info;
    private final BuildInfo build;
    private final Membership lan;
    private final Leadership leadership;
    private final HostInfoProvider host;
    private final Executor blocking;
    private final BooleanSupplier inMaintenance;
    private final Map<String, String> buildStats;
    private final Prerendered config;
    private volatile Prerendered meta;
    private final AtomicReference<Rendered<Map<String, Object>>> debugConfig = new AtomicReference<>();
    private final AtomicReference<Rendered<Member>> member = new AtomicReference<>();

    /**
     * @param blocking where slow collection (host facts) runs, off the event loop
     */
    public AgentEndpoints(AgentInfo info, BuildInfo build, Membership lan, Leadership leadership,
                          HostInfoProvider host, Executor blocking) {
        this(info, build, lan, leadership, host, blocking, () -> false);
    }

    /**
     * @param blocking      where slow collection (host facts) runs, off the event loop
     * @param inMaintenance whether the node maintenance check is registered ({@code Stats.agent.checks})
     */
    public AgentEndpoints(AgentInfo info, BuildInfo build, Membership lan, Leadership leadership,
                          HostInfoProvider host, Executor blocking, BooleanSupplier inMaintenance) {
        this.inMaintenance = inMaintenance;
        this.info = info;
        this.build = build;
        this.lan = lan;
        this.leadership = leadership;
        this.host = host;
        this.blocking = blocking;
        this.buildStats = Map.of("revision", build.revision(), "version", build.version(),
                "version_metadata", build.metadata(), "prerelease", "");
        this.config = Prerendered.of(new SelfJson.Config(info.datacenter(), info.primaryDatacenter(),
                info.nodeName(), info.nodeId(), build.revision(), info.server(), build.humanVersion(),
                build.buildDate()));
        this.meta = Prerendered.of(info.nodeMeta());
    }

    /**
     * A reload changed {@code node_meta}: {@code Meta} shows it from now on. ({@code DebugConfig} follows
     * {@link AgentInfo#debugConfig()} by itself.)
     */
    public void nodeMetaChanged(Map<String, String> nodeMeta) {
        this.meta = Prerendered.of(Map.copyOf(nodeMeta));
    }

    public ApiResponse version(ApiRequest req) {
        return ApiResponse.json(VersionJson.from(build));
    }

    public CompletableFuture<ApiResponse> host(ApiRequest req) {
        return CompletableFuture.supplyAsync(() -> ApiResponse.json(host.collect()), blocking);
    }

    public ApiResponse self(ApiRequest req) {
        return ApiResponse.json(new SelfJson(config, debugConfig(), COORD, localMember(), stats(), meta));
    }

    /** The DebugConfig, serialized again only when the agent's configuration object changes (reload). */
    private Prerendered debugConfig() {
        Rendered<Map<String, Object>> last = debugConfig.get();
        Map<String, Object> current = info.debugConfig().get();
        if (last == null || last.source() != current) {
            last = new Rendered<>(current, Prerendered.of(current));
            debugConfig.set(last);
        }
        return last.json();
    }

    /** This agent's member entry, serialized again only when the pool's entry for it changes. */
    private Prerendered localMember() {
        Rendered<Member> last = member.get();
        Member current = lan.localMember();
        if (last == null || !last.source().equals(current)) {
            last = new Rendered<>(current, Prerendered.of(MemberJson.from(current)));
            member.set(last);
        }
        return last.json();
    }

    /** A value and its JSON, swapped as one. */
    private record Rendered<T>(T source, Prerendered json) {
    }

    private Map<String, Object> stats() {
        List<Member> members = lan.members();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("agent", inMaintenance.getAsBoolean() ? AGENT_STATS_IN_MAINTENANCE : AGENT_STATS);
        stats.put("build", buildStats);
        Map<String, String> consul = new LinkedHashMap<>();
        consul.put("server", String.valueOf(info.server()));
        if (info.server()) {
            consul.put("leader", String.valueOf(leadership.isLeader()));
            consul.put("leader_addr", leadership.leader().map(this::serverAddress).orElse(""));
            consul.put("known_datacenters", "1");
            stats.put("raft", leadership.stats());
        } else {
            consul.put("known_servers", String.valueOf(members.stream()
                    .filter(m -> m.isServer() && m.status() == MemberStatus.ALIVE).count()));
        }
        stats.put("consul", consul);
        stats.put("serf_lan", serfStats(members));
        Map<String, String> runtime = new LinkedHashMap<>(RUNTIME_STATS);
        runtime.put("goroutines", String.valueOf(THREADS.getThreadCount()));
        stats.put("runtime", runtime);
        return stats;
    }

    /** A server's RPC address ({@code ip:port}) from its LAN member, as Consul prints {@code leader_addr}. */
    private String serverAddress(String node) {
        return lan.members().stream()
                .filter(m -> m.name().equals(node) && m.isServer())
                .findFirst()
                .map(m -> m.address() + ":" + m.tags().getOrDefault("port", ""))
                .orElse("");
    }

    private static Map<String, String> serfStats(List<Member> members) {
        long failed = members.stream().filter(m -> m.status() == MemberStatus.FAILED).count();
        long left = members.stream().filter(m -> m.status() == MemberStatus.LEFT).count();
        return Map.of("members", String.valueOf(members.size()),
                "failed", String.valueOf(failed),
                "left", String.valueOf(left));
    }
}
