package dev.attache.cluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * This agent's way to the other datacenters, as Consul's: a server reaches another datacenter's servers through the
 * WAN pool; a client agent asks a server of its own datacenter, which goes on over the WAN.
 */
public interface Datacenters {

    /** This agent's datacenter. */
    String local();

    /** The datacenter that owns policies and global tokens ({@code primary_datacenter}; the local one if unset). */
    String primary();

    /** True when this agent's datacenter is the primary. */
    default boolean inPrimary() {
        return local().equals(primary());
    }

    /**
     * Sends {@code request} to a server of {@code datacenter} and completes with that server's answer. A request that
     * changes nothing is tried on the next server when one fails. Fails with {@link NoPathToDatacenterException}
     * when no server of that datacenter is known or none answered, and with {@link java.util.concurrent.TimeoutException}
     * when {@code timeout} ran out.
     */
    CompletableFuture<ForwardedResponse> forward(String datacenter, ForwardedRequest request, Duration timeout);

    /**
     * Installs what answers requests forwarded to this agent (its HTTP pipeline). Until then such requests are
     * answered {@code 500}, as by an agent that is still starting.
     */
    void serve(Function<ForwardedRequest, CompletableFuture<ForwardedResponse>> pipeline);
}
