package dev.attache.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** How {@code attache agent} starts, fails and stops as a process. */
class AgentCommandIT {
    @TempDir
    Path dir;

    @Test
    void unknownFlagEndsWithOneLineAndExitOne() {
        try (AgentProcess p = AgentProcess.start(dir, "agent", "-dev", "-no-such-flag")) {
            assertThat(p.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
            assertThat(p.stderr().strip()).isEqualTo("==> flag provided but not defined: -no-such-flag");
        }
    }

    @Test
    void badFlagValueEndsWithOneLine() {
        try (AgentProcess p = AgentProcess.start(dir, "agent", "-dev", "-http-port=abc")) {
            assertThat(p.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
            assertThat(p.stderr().strip()).isEqualTo("==> invalid value \"abc\" for flag -http-port: parse error");
        }
    }

    @Test
    void unreadableConfigEndsWithOneLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"node_name\": ");
        try (AgentProcess p = AgentProcess.start(dir, "agent", "-dev", "-config-file=" + bad)) {
            assertThat(p.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
            assertThat(p.stderr().strip()).startsWith("==> Error parsing " + bad).doesNotContain("\n");
        }
        try (AgentProcess p = AgentProcess.start(dir, "agent", "-dev", "-config-file=" + dir.resolve("missing.json"))) {
            assertThat(p.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
            assertThat(p.stderr().strip()).isEqualTo("==> Error loading " + dir.resolve("missing.json")
                    + ": no such file or directory");
        }
    }

    @Test
    void httpPortInUseEndsWithOneLineAndExitOne() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            try (AgentProcess p = AgentProcess.start(dir, "agent", "-dev", "-http-port=" + taken.getLocalPort(),
                    "-serf-lan-port=0", "-server-port=0", "-serf-wan-port=0")) {
                assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
                assertThat(p.stderr().strip()).isEqualTo("==> Error starting agent: HTTP listener on 127.0.0.1:"
                        + taken.getLocalPort() + ": bind: address already in use");
            }
        }
    }

    @Test
    void gossipOrServerPortInUseEndsWithOneLineAndExitOne() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            try (AgentProcess p = AgentProcess.start(dir, "agent", "-dev", "-http-port=0", "-serf-lan-port=" + port,
                    "-server-port=0")) {
                assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
                assertThat(p.stderr().strip()).isEqualTo("==> Error starting agent: LAN gossip listener on 127.0.0.1:"
                        + port + ": bind: address already in use");
            }
            try (AgentProcess p = AgentProcess.start(dir, "agent", "-dev", "-http-port=0", "-serf-lan-port=0",
                    "-server-port=" + port)) {
                assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
                assertThat(p.stderr().strip()).isEqualTo("==> Error starting agent: Server RPC listener on 127.0.0.1:"
                        + port + ": bind: address already in use");
                assertThat(p.stdout()).doesNotContain("\tat ");
            }
        }
    }

    @Test
    void configFileAndDirAreReadAndFlagsWin() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(conf.resolve("10-base.json"), "{\"node_name\": \"from-dir\", \"datacenter\": \"east\","
                + " \"node_meta\": {\"rack\": \"r1\"}}");
        Files.writeString(conf.resolve("20-more.json"), "{\"node_meta\": {\"zone\": \"z9\"}}");
        try (AgentProcess p = AgentProcess.start(dir, "agent", "-dev", "-config-dir=" + conf, "-node=from-flag",
                "-http-port=0", "-serf-lan-port=0", "-server-port=0", "-serf-wan-port=0")) {
            Http http = new Http(p.awaitReady(Duration.ofSeconds(60)));
            var self = http.get("/v1/agent/self").json();
            assertThat(self.at("/Config/NodeName").asText()).isEqualTo("from-flag");
            assertThat(self.at("/Config/Datacenter").asText()).isEqualTo("east");
            assertThat(self.at("/Meta/rack").asText()).isEqualTo("r1");
            assertThat(self.at("/Meta/zone").asText()).isEqualTo("z9");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void signalShutsDownCleanly(String signal) throws Exception {
        try (AgentProcess p = AgentProcess.start(dir, "agent", "-dev", "-node=sig-1", "-http-port=0",
                "-serf-lan-port=0", "-server-port=0", "-serf-wan-port=0")) {
            p.awaitReady(Duration.ofSeconds(60));
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            int code = p.awaitExit(Duration.ofSeconds(40));
            assertThat(code).isIn(0, 128 + (signal.equals("TERM") ? 15 : 2));
            // A dev agent is a server: Consul's defaults stop a server without leaving on SIGTERM and SIGINT.
            assertThat(p.stdout()).contains("sig-1: caught signal SIG" + signal + ", shutting down without leaving")
                    .contains("sig-1: stopped");
            assertThat(p.stderr()).doesNotContain("Exception");
        }
    }
}
