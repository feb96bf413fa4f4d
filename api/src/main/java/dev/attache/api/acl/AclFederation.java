package dev.attache.api.acl;

import dev.attache.api.ApiException;
import dev.attache.api.ApiRequest;
import dev.attache.api.ApiResponse;
import dev.attache.api.DatacenterForwarder;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Where the ACL endpoints' writes belong when there are several datacenters (consul-behavior.md §9): policies and
 * global tokens are written in the primary, so a secondary sends such writes there; Local tokens are written where
 * they are used, in a secondary only when local tokens are enabled there ({@code acl.enable_token_replication} and a
 * replication token). Without local tokens a secondary sends its token reads to the primary as well, as Consul's do.
 */
public final class AclFederation {
    /** One datacenter, which is its own primary. */
    public static final AclFederation SINGLE = new AclFederation(null, true, () -> true);
    static final String LOCAL_TOKENS_DISABLED = "Local tokens are disabled";

    private final DatacenterForwarder forwarder;
    private final boolean server;
    private final BooleanSupplier localTokens;

    /**
     * @param forwarder   the way to the primary (null: this datacenter is the only one)
     * @param server      true on a server agent, whose configuration decides about Local tokens
     * @param localTokens in a secondary, whether Local tokens are enabled now (the replication token can change)
     */
    public AclFederation(DatacenterForwarder forwarder, boolean server, BooleanSupplier localTokens) {
        this.forwarder = forwarder;
        this.server = server;
        this.localTokens = localTokens;
    }

    boolean inPrimary() {
        return forwarder == null || forwarder.datacenters().inPrimary();
    }

    /**
     * True on a client agent of a secondary: whether local tokens are enabled is its servers' setting (Consul's
     * {@code LocalTokensEnabled} is a server's), so its token requests are served by one of them.
     */
    boolean serversDecide() {
        return !server && !inPrimary();
    }

    /** Sends the request to a server of this agent's own datacenter and answers what it answered. */
    CompletableFuture<ApiResponse> toLocalServer(ApiRequest request) {
        return forwarder.forward(forwarder.datacenters().local(), request);
    }

    /** Consul's {@code LocalTokensEnabled}: always in the primary; in a secondary, as configured. */
    boolean localTokensEnabled() {
        return inPrimary() || localTokens.getAsBoolean();
    }

    /** Refuses a Local token write where local tokens are disabled: {@code 500 Local tokens are disabled}. */
    void requireLocalTokens() {
        if (!localTokensEnabled()) {
            throw ApiException.internal(LOCAL_TOKENS_DISABLED);
        }
    }

    /** Sends the request to the primary and answers what it answered. */
    CompletableFuture<ApiResponse> toPrimary(ApiRequest request) {
        return forwarder.toPrimary(request);
    }
}
