package dev.attache.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricKeyTest {

    @Test
    void labelsRoundTripThroughTheRegistryName() {
        MetricKey k = MetricKey.of("consul.api.http", "path", "v1_agent_self", "method", "GET");
        assertThat(k.encoded()).isEqualTo("consul.api.http{method=GET,path=v1_agent_self}");
        assertThat(MetricKey.parse(k.encoded())).isEqualTo(k);
        assertThat(k.sortKey()).isEqualTo("consul.api.http;method=GET;path=v1_agent_self");
    }

    @Test
    void specialCharactersAreEscaped() {
        MetricKey k = MetricKey.of("my.metric", "a,b", "x=y}", "c", "back\\slash");
        assertThat(MetricKey.parse(k.encoded())).isEqualTo(k);
    }

    @Test
    void aNameWithoutBracesHasNoLabels() {
        assertThat(MetricKey.parse("consul.raft.apply")).isEqualTo(MetricKey.of("consul.raft.apply"));
        assertThat(MetricKey.of("consul.raft.apply").encoded()).isEqualTo("consul.raft.apply");
    }

    @Test
    void prometheusNamesAreConsulsSanitizedInLowerSnakeCase() {
        assertThat(RegistryCollector.name("consul.api.http")).isEqualTo("consul_api_http");
        assertThat(RegistryCollector.name("consul.acl.ResolveToken")).isEqualTo("consul_acl_resolve_token");
        assertThat(RegistryCollector.name("consul.my-host.runtime.alloc_bytes"))
                .isEqualTo("consul_my_host_runtime_alloc_bytes");
        assertThat(RegistryCollector.name("9lives")).isEqualTo("_9lives");
    }
}
