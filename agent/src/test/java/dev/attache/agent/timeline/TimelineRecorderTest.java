package dev.attache.agent.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.agent.Agent;
import dev.attache.agent.AgentConfig;
import dev.attache.agent.ConfigException;
import dev.attache.agent.config.ConfigLoader;
import dev.attache.cluster.GossipConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timelines written by real agents in one JVM: a server and a client that joins it, then stops without leaving. */
class TimelineRecorderTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<Agent> agents = new ArrayList<>();

    @AfterEach
    void stop() {
        agents.forEach(Agent::close);
    }

    @Test
    void serverRecordsTheClientJoiningThenFailingAndItsOwnWanEntry() throws IOException {
        Path serverTimeline = dir.resolve("timelines/s1.jsonl");
        Path clientTimeline = dir.resolve("timelines/c1.jsonl");
        Agent server = start(AgentConfig.builder().nodeName("s1").server(true).bootstrapExpect(1)
                .dataDir(dir.resolve("s1")).timelineFile(serverTimeline));
        Agent client = start(AgentConfig.builder().nodeName("c1").dataDir(dir.resolve("c1"))
                .retryJoin(server.lanAddress()).timelineFile(clientTimeline));

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(lines(serverTimeline)).contains(
                    new TimelineEvent(null, 0, "s1", "dc1", "lan", "s1", "none", "alive"),
                    new TimelineEvent(null, 0, "s1", "dc1", "lan", "c1", "none", "alive"),
                    new TimelineEvent(null, 0, "s1", "dc1", "wan", "s1.dc1", "none", "alive"));
            assertThat(lines(clientTimeline)).contains(
                    new TimelineEvent(null, 0, "c1", "dc1", "lan", "s1", "none", "alive"));
        });

        client.stop().join(); // no leave: the server must see it fail, perhaps suspecting it first
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(lines(serverTimeline)).containsAnyOf(
                new TimelineEvent(null, 0, "s1", "dc1", "lan", "c1", "alive", "failed"),
                new TimelineEvent(null, 0, "s1", "dc1", "lan", "c1", "suspect", "failed")));
        List<String> steps = lines(serverTimeline).stream().filter(e -> e.member().equals("c1"))
                .map(e -> e.from() + "->" + e.to()).toList();
        assertThat(String.join(" ", steps)).as("suspicion starts from alive and ends in alive or failed")
                .matches("none->alive( alive->suspect suspect->alive)*( alive->suspect suspect->failed| alive->failed)");

        List<String> raw = Files.readAllLines(serverTimeline);
        TimelineEvent first = JSON.readValue(raw.get(0), TimelineEvent.class);
        assertThat(first.time()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(java.time.Instant.parse(first.time()).toEpochMilli()).isEqualTo(first.unixMs());
        assertThat(raw.get(0)).startsWith("{\"time\":\"").contains("\"unix_ms\":");
        assertThat(lines(serverTimeline)).as("each change once")
                .doesNotHaveDuplicates();
    }

    @Test
    void anUnwritablePathIsAConfigErrorAtStart() throws IOException {
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        AgentConfig config = fast(AgentConfig.builder().nodeName("s1").server(true).bootstrapExpect(1)
                .dataDir(dir.resolve("s1")).timelineFile(notADir.resolve("t.jsonl")));

        assertThatThrownBy(() -> Agent.builder().config(config).start())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("timeline_file: cannot open " + notADir.resolve("t.jsonl") + " for writing")
                .hasMessageNotContaining("\n");
    }

    @Test
    void flagAndConfigKeyResolveAgainstTheWorkingDirectory() {
        AgentConfig byFlag = ConfigLoader.load(List.of("-data-dir=" + dir, "-timeline-file=t/a.jsonl")).config();
        assertThat(byFlag.timelineFile()).isEqualTo(Path.of("t/a.jsonl").toAbsolutePath());
        AgentConfig none = ConfigLoader.load(List.of("-data-dir=" + dir)).config();
        assertThat(none.timelineFile()).isNull();
    }

    private Agent start(AgentConfig.Builder b) {
        Agent agent = Agent.builder().config(fast(b)).start();
        agents.add(agent);
        return agent;
    }

    private static AgentConfig fast(AgentConfig.Builder b) {
        return b.bindAddress("127.0.0.1").clientAddress("127.0.0.1").ports(AgentConfig.Ports.EPHEMERAL)
                .gossipLan(GossipConfig.FAST).gossipWan(GossipConfig.FAST).build();
    }

    /** The file's events with the times blanked, so they compare by content. */
    private static List<TimelineEvent> lines(Path file) throws IOException {
        List<TimelineEvent> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file)) {
            TimelineEvent e = JSON.readValue(line, TimelineEvent.class);
            out.add(new TimelineEvent(null, 0, e.observer(), e.dc(), e.pool(), e.member(), e.from(), e.to()));
        }
        return out;
    }
}
