package dev.attache.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.agent.ConfigException;
import dev.attache.agent.TelemetryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consul's {@code telemetry} block in JSON and HCL files. */
class TelemetryConfigLoadingTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreConsuls() {
        TelemetryConfig t = ConfigLoader.load(List.of("-dev")).config().telemetry();
        assertThat(t.metricsPrefix()).isEqualTo("consul");
        assertThat(t.disableHostname()).isFalse();
        assertThat(t.prometheusRetentionTime()).isZero();
        assertThat(t.prometheusEnabled()).isFalse();
        assertThat(t.prefixFilter()).isEmpty();
        assertThat(t.filterDefault()).isTrue();
    }

    @Test
    void theJsonBlock() throws IOException {
        Path f = Files.writeString(dir.resolve("t.json"), """
                {"telemetry": {"metrics_prefix": "lab", "disable_hostname": true,
                  "prometheus_retention_time": "2m", "prefix_filter": ["-lab.api.http", "+lab.api.http.x"],
                  "filter_default": false}}
                """);
        TelemetryConfig t = ConfigLoader.load(List.of("-dev", "-config-file", f.toString())).config().telemetry();
        assertThat(t).isEqualTo(new TelemetryConfig("lab", true, Duration.ofMinutes(2),
                List.of("-lab.api.http", "+lab.api.http.x"), false));
        assertThat(t.prometheusEnabled()).isTrue();
    }

    @Test
    void theHclBlock() throws IOException {
        Path f = Files.writeString(dir.resolve("t.hcl"), """
                telemetry {
                  prometheus_retention_time = "24h"
                  disable_hostname = true
                  prefix_filter = ["-consul.api.http"]
                }
                """);
        TelemetryConfig t = ConfigLoader.load(List.of("-dev", "-config-file", f.toString())).config().telemetry();
        assertThat(t.prometheusRetentionTime()).isEqualTo(Duration.ofHours(24));
        assertThat(t.disableHostname()).isTrue();
        assertThat(t.prefixFilter()).containsExactly("-consul.api.http");
    }

    @Test
    void badValuesAreRefusedWithTheKey() throws IOException {
        Path f = Files.writeString(dir.resolve("t.json"), "{\"telemetry\": {\"prefix_filter\": [\"consul.api\"]}}");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("-dev", "-config-file", f.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("telemetry.prefix_filter");
        Path g = Files.writeString(dir.resolve("g.json"), "{\"telemetry\": {\"prometheus_retention_time\": \"soon\"}}");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("-dev", "-config-file", g.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("prometheus_retention_time");
    }
}
