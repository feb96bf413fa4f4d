package dev.attache.api.agent;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.Resource;
import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;
import dev.attache.api.BuildInfo;
import dev.attache.cluster.Leadership;
import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import dev.attache.cluster.Membership;
import dev.attache.hostinfo.HostInfoProvider;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** The agent's own facts: version, self, host, members. */
public final class AgentEndpoints {
    static final String RESULTS_FILTERED = "X-Consul-Results-Filtered-By-ACLs";

    private final AgentInfo info;
    private final BuildInfo build;
    private final Membership lan;
    private final Leadership leadership;
    private final HostInfoProvider host;
    private final Executor blocking;

    /**
     * @param blocking where slow collection (host facts) runs, off the event loop
     */
    public AgentEndpoints(AgentInfo info, BuildInfo build, Membership lan, Leadership leadership,
                          HostInfoProvider host, Executor blocking) {
        this.info = info;
        this.build = build;
        this.lan = lan;
        this.leadership = leadership;
        this.host = host;
        this.blocking = blocking;
    }

    public ApiResponse version(ApiRequest req) {
        return ApiResponse.json(VersionJson.from(build));
    }

    public CompletableFuture<ApiResponse> host(ApiRequest req) {
        return CompletableFuture.supplyAsync(() -> ApiResponse.json(host.collect()), blocking);
    }

    /** The LAN pool, each member kept only when the caller has {@code node:read} on its name. */
    public ApiResponse members(ApiRequest req) {
        List<Member> all = lan.members();
        List<MemberJson> visible = new ArrayList<>(all.size());
        for (Member m : all) {
            if (req.identity().authorizer().allows(Resource.NODE, AccessLevel.READ, m.name())) {
                visible.add(MemberJson.from(m));
            }
        }
        ApiResponse response = ApiResponse.json(visible);
        if (visible.size() < all.size() && !req.token().isEmpty()) {
            response = response.withHeader(RESULTS_FILTERED, "true");
        }
        return response;
    }

    public ApiResponse self(ApiRequest req) {
        SelfJson.Config config = new SelfJson.Config(info.datacenter(), info.primaryDatacenter(), info.nodeName(),
                info.nodeId(), build.revision(), info.server(), build.humanVersion(), build.buildDate());
        return ApiResponse.json(new SelfJson(config, info.debugConfig().get(), SelfJson.Coord.ORIGIN,
                MemberJson.from(lan.localMember()), stats(), info.nodeMeta()));
    }

    private Map<String, Map<String, String>> stats() {
        Map<String, Map<String, String>> stats = new LinkedHashMap<>();
        stats.put("agent", Map.of("checks", "0", "check_monitors", "0", "check_ttls", "0", "services", "0"));
        stats.put("build", Map.of("revision", build.revision(), "version", build.version(),
                "version_metadata", build.metadata(), "prerelease", ""));
        Map<String, String> consul = new LinkedHashMap<>();
        consul.put("server", String.valueOf(info.server()));
        if (info.server()) {
            consul.put("leader", String.valueOf(leadership.isLeader()));
            consul.put("leader_addr", leadership.leader().map(this::serverAddress).orElse(""));
            consul.put("known_datacenters", "1");
            stats.put("raft", leadership.stats());
        } else {
            consul.put("known_servers", String.valueOf(lan.members().stream()
                    .filter(m -> m.isServer() && m.status() == MemberStatus.ALIVE).count()));
        }
        stats.put("consul", consul);
        stats.put("serf_lan", serfStats(lan.members()));
        Runtime rt = Runtime.getRuntime();
        stats.put("runtime", Map.of(
                "arch", System.getProperty("os.arch"),
                "os", System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT),
                "version", "java" + Runtime.version(),
                "cpu_count", String.valueOf(rt.availableProcessors()),
                "max_procs", String.valueOf(rt.availableProcessors()),
                "goroutines", String.valueOf(ManagementFactory.getThreadMXBean().getThreadCount())));
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
