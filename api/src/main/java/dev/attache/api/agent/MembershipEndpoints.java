package dev.attache.api.agent;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.Resource;
import dev.attache.api.AgentControl;
import dev.attache.api.ApiException;
import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;
import dev.attache.cluster.Member;
import dev.attache.cluster.Membership;
import dev.attache.cluster.UnknownMemberException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The gossip pools: members, join, leave, force-leave (consul-behavior.md §3.3, §3.9 to §3.11). */
public final class MembershipEndpoints {
    static final String RESULTS_FILTERED = "X-Consul-Results-Filtered-By-ACLs";

    private final String datacenter;
    private final Membership lan;
    private final Optional<Membership> wan;
    private final AgentControl control;

    /**
     * @param wan the WAN pool on a server, empty on a client agent
     */
    public MembershipEndpoints(String datacenter, Membership lan, Optional<Membership> wan, AgentControl control) {
        this.datacenter = datacenter;
        this.lan = lan;
        this.wan = wan;
        this.control = control;
    }

    /** The LAN or WAN pool, each member kept only when the caller has {@code node:read} on its name. */
    public ApiResponse members(ApiRequest req) {
        req.rejectPartition();
        boolean useWan = req.wanFlag();
        String segment = req.param("segment");
        boolean anySegment = segment == null || segment.isEmpty() || segment.equals("_all");
        if (useWan && !anySegment) {
            throw ApiException.badRequest("Cannot provide a segment with wan=true");
        }
        if (!anySegment) {
            throw wan.isPresent()
                    ? ApiException.internal("Network segments are not supported in this version of Consul")
                    : ApiException.internal("segment \"" + segment + "\" not found");
        }
        if (useWan && wan.isEmpty()) {
            return ApiResponse.json(null); // Consul answers a nil list on a client agent
        }
        List<Member> all = (useWan ? wan.get() : lan).members();
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

    public CompletableFuture<ApiResponse> join(ApiRequest req) {
        req.rejectPartition();
        String address = req.pathParam();
        Membership pool = lan;
        if (req.wanFlag()) {
            pool = wan.orElseThrow(() -> ApiException.internal("Must be a server to join WAN cluster"));
        }
        if (address.isEmpty()) {
            throw ApiException.internal("1 error occurred:\n\t* Failed to resolve : missing address\n\n");
        }
        return pool.join(address).thenApply(v -> ApiResponse.empty());
    }

    /** Answers once the others have been told, then stops the agent after the response is written. */
    public CompletableFuture<ApiResponse> leave(ApiRequest req) {
        return control.leave().thenApply(v -> ApiResponse.empty().afterWrite(control::shutdown));
    }

    /**
     * LAN mode on a server acts on the LAN pool and on the node's WAN entry ({@code node.dc}); it succeeds
     * when either knows the node. {@code ?wan} acts on the WAN pool alone. Both flags are presence flags.
     */
    public CompletableFuture<ApiResponse> forceLeave(ApiRequest req) {
        req.rejectPartition();
        String node = req.pathParam();
        boolean prune = req.flag("prune");
        if (req.flag("wan")) {
            Membership pool = wan.orElseThrow(() ->
                    ApiException.internal("Must be a server to force-leave a node from the WAN cluster"));
            return pool.forceLeave(node, prune).thenApply(v -> ApiResponse.empty());
        }
        if (wan.isEmpty()) {
            return lan.forceLeave(node, prune).thenApply(v -> ApiResponse.empty());
        }
        CompletableFuture<Boolean> onLan = found(lan.forceLeave(node, prune));
        String wanName = node.endsWith("." + datacenter) ? node : node + "." + datacenter;
        CompletableFuture<Boolean> onWan = found(wan.get().forceLeave(wanName, prune));
        return onLan.thenCombine(onWan, (l, w) -> {
            if (!l && !w) {
                throw new UnknownMemberException(node);
            }
            return ApiResponse.empty();
        });
    }

    /** True when the pool knew the node, false when it did not; other failures pass through. */
    private static CompletableFuture<Boolean> found(CompletableFuture<Void> forceLeave) {
        return forceLeave.handle((v, e) -> {
            if (e == null) {
                return true;
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof UnknownMemberException) {
                return false;
            }
            throw e instanceof CompletionException ce ? ce : new CompletionException(e);
        });
    }
}
