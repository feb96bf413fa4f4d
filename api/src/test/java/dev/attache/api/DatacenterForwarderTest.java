package dev.attache.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.AclIdentity;
import dev.attache.cluster.Datacenters;
import dev.attache.cluster.ForwardedRequest;
import dev.attache.cluster.ForwardedResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DatacenterForwarderTest {

    @Test
    void retargetNamesTheTargetDatacenterAndKeepsEverythingElse() {
        assertThat(DatacenterForwarder.retarget("/v1/acl/tokens?datacenter=dc1&dc=dc3&stale&index=5", "dc2"))
                .isEqualTo("/v1/acl/tokens?stale&index=5&dc=dc2");
        assertThat(DatacenterForwarder.retarget("/v1/acl/token", "dc1")).isEqualTo("/v1/acl/token?dc=dc1");
        // the path stays encoded as the client sent it
        assertThat(DatacenterForwarder.retarget("/v1/acl/policy/name/a%20b?pretty=", "dc1"))
                .isEqualTo("/v1/acl/policy/name/a%20b?pretty=&dc=dc1");
    }

    /** Records what would travel; the transport itself is exercised by MultiDatacenterAclIT. */
    private static final class Recording implements Datacenters {
        final AtomicReference<ForwardedRequest> sent = new AtomicReference<>();
        final AtomicReference<String> to = new AtomicReference<>();

        @Override
        public String local() {
            return "dc2";
        }

        @Override
        public String primary() {
            return "dc1";
        }

        @Override
        public CompletableFuture<ForwardedResponse> forward(String datacenter, ForwardedRequest request,
                                                            Duration timeout) {
            to.set(datacenter);
            sent.set(request);
            return CompletableFuture.completedFuture(new ForwardedResponse(200, Map.of(), new byte[0]));
        }

        @Override
        public void serve(Function<ForwardedRequest, CompletableFuture<ForwardedResponse>> pipeline) {
        }
    }

    @Test
    void aRequestWithoutTokenCarriesTheAgentsDefaultTokenAndNoConnectionHeaders() {
        Recording dcs = new Recording();
        DatacenterForwarder forwarder = new DatacenterForwarder(dcs, () -> "default-secret");
        ApiRequest request = ApiRequest.of("PUT", "/v1/acl/token", "", Map.of("dc", List.of("dc2")),
                Map.of("Host", "127.0.0.1:8500", "Content-Length", "2", "Content-Type", "application/json"),
                "{}".getBytes(), AclIdentity.aclsDisabled());
        forwarder.toPrimary(request).join();
        assertThat(dcs.to.get()).isEqualTo("dc1");
        assertThat(dcs.sent.get().uri()).isEqualTo("/v1/acl/token?dc=dc1");
        assertThat(dcs.sent.get().headers()).containsOnly(
                Map.entry("Content-Type", "application/json"), Map.entry("X-Consul-Token", "default-secret"));
        assertThat(dcs.sent.get().body()).isEqualTo("{}".getBytes());
    }
}
