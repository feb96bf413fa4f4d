package dev.attache.cluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.cluster.ForwardedRequest;
import dev.attache.cluster.ForwardedResponse;
import dev.attache.cluster.NoPathToDatacenterException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatacenterRouterTest {

    @Test
    void requestEnvelopeRoundTrips() {
        byte[] body = "{\"Description\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        ForwardedRequest request = new ForwardedRequest("PUT", "/v1/acl/token?dc=dc2&pretty",
                Map.of("X-Consul-Token", "secret", "Content-Type", "application/json"), body);
        DatacenterRouter.Envelope e = DatacenterRouter.decodeRequest(
                DatacenterRouter.encodeRequest("dc2", Duration.ofSeconds(37), request));
        assertThat(e.datacenter()).isEqualTo("dc2");
        assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(37));
        assertThat(e.request().method()).isEqualTo("PUT");
        assertThat(e.request().uri()).isEqualTo(request.uri());
        assertThat(e.request().headers()).isEqualTo(request.headers());
        assertThat(e.request().body()).isEqualTo(body);
        assertThat(e.request().idempotent()).isFalse();
    }

    @Test
    void responseRoundTripsAndNoPathIsItsOwnAnswer() {
        byte[] big = new byte[200_000]; // beyond writeUTF's 64 KiB
        ForwardedResponse response = new ForwardedResponse(403, Map.of("X-Consul-Index", "7"), big);
        ForwardedResponse back = DatacenterRouter.decodeResponse(DatacenterRouter.encodeResponse(response));
        assertThat(back.status()).isEqualTo(403);
        assertThat(back.headers()).isEqualTo(response.headers());
        assertThat(back.body()).hasSize(big.length);
        assertThatThrownBy(() -> DatacenterRouter.decodeResponse(new byte[] {DatacenterRouter.NO_PATH}))
                .isInstanceOf(NoPathToDatacenterException.class)
                .hasMessage("No path to datacenter");
    }

    @Test
    void malformedEnvelopeIsRefusedPlainly() {
        assertThatThrownBy(() -> DatacenterRouter.decodeRequest(new byte[] {0, 3, 'd'}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed forwarded request");
    }
}
