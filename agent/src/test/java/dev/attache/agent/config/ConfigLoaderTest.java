package dev.attache.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.agent.AgentConfig;
import dev.attache.agent.ConfigException;
import dev.attache.cluster.GossipConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void devDefaultsAreASingleLoopbackServer() {
        AgentConfig c = ConfigLoader.load(List.of("-dev")).config();
        assertThat(c.devMode()).isTrue();
        assertThat(c.server()).isTrue();
        assertThat(c.bootstrapExpect()).isEqualTo(1);
        assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(c.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(c.ports()).isEqualTo(AgentConfig.Ports.DEFAULTS);
        assertThat(c.gossipLan()).isEqualTo(GossipConfig.DEV);
        assertThat(c.datacenter()).isEqualTo("dc1");
        assertThat(c.dataDir()).isNull();
    }

    @Test
    void filesMergeInOrderAndFlagsWin() throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), """
                {"node_name": "a", "datacenter": "dc2", "ports": {"http": 9000, "serf_lan": 9001},
                 "gossip_lan": {"probe_interval": "200ms", "suspicion_mult": 2}, "data_dir": "%s"}
                """.formatted(dir.resolve("data")));
        Path b = Files.writeString(dir.resolve("b.json"), "{\"ports\": {\"http\": 9100}, \"retry_join\": [\"10.0.0.1\"]}");
        AgentConfig c = ConfigLoader.load(List.of("-config-file", a.toString(), "-config-file", b.toString(),
                "-node", "flagged")).config();
        assertThat(c.nodeName()).isEqualTo("flagged");
        assertThat(c.datacenter()).isEqualTo("dc2");
        assertThat(c.ports().http()).isEqualTo(9100);
        assertThat(c.ports().serfLan()).isEqualTo(9001);
        assertThat(c.retryJoin()).containsExactly("10.0.0.1");
        assertThat(c.gossipLan().probeInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.gossipLan().suspicionMult()).isEqualTo(2);
        assertThat(c.dataDir()).isEqualTo(dir.resolve("data"));
    }

    @Test
    void gossipFanoutAndRetransmitsAreConsulsKeys() throws IOException {
        Path f = Files.writeString(dir.resolve("g.json"), """
                {"gossip_lan": {"gossip_nodes": 5, "retransmit_mult": 2}, "gossip_wan": {"retransmit_mult": 6}}
                """);
        AgentConfig c = ConfigLoader.load(List.of("-dev", "-config-file", f.toString())).config();
        assertThat(c.gossipLan().gossipNodes()).isEqualTo(5);
        assertThat(c.gossipLan().retransmitMult()).isEqualTo(2);
        assertThat(c.gossipWan().retransmitMult()).isEqualTo(6);
        assertThat(GossipConfig.LAN_DEFAULTS.gossipNodes()).isEqualTo(3);
        assertThat(GossipConfig.WAN_DEFAULTS.gossipNodes()).isEqualTo(4);
        assertThat(GossipConfig.WAN_DEFAULTS.retransmitMult()).isEqualTo(4);

        Path zero = Files.writeString(dir.resolve("zero.json"), "{\"gossip_wan\": {\"gossip_nodes\": 0}}");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("-dev", "-config-file", zero.toString())))
                .isInstanceOf(ConfigException.class).hasMessage("gossip_wan.gossip_nodes must be at least 1");
    }

    @Test
    void configDirReadsJsonFilesInLexicalOrder() throws IOException {
        Files.writeString(dir.resolve("20.json"), "{\"node_name\": \"second\"}");
        Files.writeString(dir.resolve("10.json"), "{\"node_name\": \"first\", \"data_dir\": \"/tmp/x\"}");
        Files.writeString(dir.resolve("ignored.txt"), "not json");
        assertThat(ConfigLoader.load(List.of("-config-dir", dir.toString())).config().nodeName()).isEqualTo("second");
    }

    @Test
    void unknownKeysAreWarnedNotFatal() throws IOException {
        Path f = Files.writeString(dir.resolve("c.json"), "{\"ui\": true, \"ports\": {\"dns\": 8600, \"bogus\": 1}}");
        ConfigLoader.Loaded l = ConfigLoader.load(List.of("-dev", "-config-file", f.toString()));
        assertThat(l.warnings()).containsExactly(
                "config key \"ui\" is not supported by this agent; ignored",
                "config key \"ports.bogus\" is not supported by this agent; ignored");
    }

    @Test
    void typeErrorsNameTheKey() throws IOException {
        Path f = Files.writeString(dir.resolve("c.json"), "{\"server\": \"yes\"}");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("-dev", "-config-file", f.toString())))
                .isInstanceOf(ConfigException.class).hasMessage("server: expected a boolean, got a string");
    }

    @Test
    void malformedJsonNamesFileAndLine() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.json"), "{\n\"node_name\": }");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("-dev", "-config-file", f.toString())))
                .hasMessageStartingWith("Error parsing " + f).hasMessageContaining("line 2");
    }

    @Test
    void nonDevWithoutDataDirIsRejectedAsConsulDoes() {
        assertThatThrownBy(() -> ConfigLoader.load(List.of("-server")))
                .hasMessage("data_dir cannot be empty");
    }

    @Test
    void bootstrapExpectNeedsServer() {
        assertThatThrownBy(() -> ConfigLoader.load(List.of("-bootstrap-expect=3", "-data-dir", dir.toString())))
                .hasMessage("'bootstrap_expect > 0' requires 'server = true'");
    }

    @Test
    void invalidLogLevelAndDatacenterAreRejected() {
        assertThatThrownBy(() -> ConfigLoader.load(List.of("-dev", "-log-level=loud")))
                .hasMessage("Invalid log level: loud");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("-dev", "-datacenter=dc 1")))
                .hasMessageContaining("Please use only [a-z0-9-_]");
    }

    @Test
    void goDurationsParse() {
        assertThat(GoDuration.parse("1h30m", "k")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("1.5s", "k")).isEqualTo(Duration.ofMillis(1500));
        assertThat(GoDuration.parse("250ms", "k")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> GoDuration.parse("5 seconds", "k")).hasMessage("k: invalid duration \"5 seconds\"");
        assertThat(GoDuration.format(Duration.ofMillis(100))).isEqualTo("100ms");
        assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(GoDuration.format(Duration.ofHours(72))).isEqualTo("72h0m0s");
        assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    }
}
