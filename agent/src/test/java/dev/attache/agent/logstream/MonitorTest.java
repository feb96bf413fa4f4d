package dev.attache.agent.logstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.agent.Agent;
import dev.attache.agent.AgentConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /v1/agent/monitor} over real HTTP against a real agent (consul-behavior.md §3.8). */
class MonitorTest {
    private static final Logger log = LoggerFactory.getLogger(MonitorTest.class);
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static Agent agent;

    @BeforeAll
    static void start() {
        agent = Agent.builder()
                .config(AgentConfig.dev().nodeName("monitor-1").ports(AgentConfig.Ports.EPHEMERAL).build())
                .start();
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    private static String address() {
        return "127.0.0.1:" + agent.httpPort();
    }

    private static String marker() {
        return "marker-" + UUID.randomUUID();
    }

    private static void awaitSubscribers(int n) {
        await("monitor subscribers = " + n).atMost(DEADLINE)
                .until(() -> agent.logStream().subscribers().size() == n);
    }

    @Test
    void linesLoggedAfterSubscribingArriveInHclogForm() throws IOException {
        try (MonitorConnection m = MonitorConnection.open(address(), "").readLines()) {
            assertThat(m.status).isEqualTo(200);
            assertThat(m.headers).containsEntry("Transfer-Encoding", "chunked")
                    .containsKey("X-Consul-Default-ACL-Policy");
            String marker = marker();
            log.info("{}: streamed {}", agent.nodeName(), marker);

            await().atMost(DEADLINE).until(() -> m.hasLineContaining(marker));
            assertThat(m.lineContaining(marker)).matches(
                    "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d{4}) \\[INFO]  "
                            + "agent\\.logstream\\.MonitorTest: monitor-1: streamed " + marker);
        }
    }

    @Test
    void theLevelFilterIsIndependentOfTheAgentsLevel() throws IOException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> console = new ListAppender<>();
        console.setContext(context);
        console.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(console);
        try (MonitorConnection info = MonitorConnection.open(address(), "loglevel=info").readLines();
             MonitorConnection debug = MonitorConnection.open(address(), "loglevel=DEBUG").readLines()) {
            String debugMarker = marker();
            String infoMarker = marker();
            assertThat(log.isDebugEnabled()).as("a debug subscriber wants debug lines").isTrue();
            log.debug("{}: quiet {}", agent.nodeName(), debugMarker);
            log.info("{}: loud {}", agent.nodeName(), infoMarker);

            await().atMost(DEADLINE).until(() -> debug.hasLineContaining(infoMarker)
                    && info.hasLineContaining(infoMarker));
            assertThat(debug.lineContaining(debugMarker)).contains("[DEBUG] agent.logstream.MonitorTest: ");
            assertThat(info.hasLineContaining(debugMarker)).as("debug line at info").isFalse();
            assertThat(console.list).as("the agent's own appenders stay at its level")
                    .anyMatch(e -> e.getFormattedMessage().contains(infoMarker))
                    .noneMatch(e -> e.getFormattedMessage().contains(debugMarker));
        } finally {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(console);
        }
        awaitSubscribers(0);
        assertThat(log.isDebugEnabled()).as("no subscriber: the agent's level again").isFalse();
    }

    @Test
    void logjsonGivesOneJsonObjectPerLine() throws IOException {
        try (MonitorConnection m = MonitorConnection.open(address(), "logjson").readLines()) {
            String marker = marker();
            log.warn("{}: as json {}", agent.nodeName(), marker, new IllegalStateException("boom"));

            await().atMost(DEADLINE).until(() -> m.hasLineContaining(marker));
            JsonNode line = new ObjectMapper().readTree(m.lineContaining(marker));
            assertThat(line.get("@level").asText()).isEqualTo("warn");
            assertThat(line.get("@message").asText()).isEqualTo("monitor-1: as json " + marker);
            assertThat(line.get("@module").asText()).isEqualTo("agent.logstream.MonitorTest");
            assertThat(line.get("@timestamp").asText())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}(Z|[+-]\\d\\d:\\d\\d)");
            assertThat(line.get("error").asText()).isEqualTo("java.lang.IllegalStateException: boom");
        }
    }

    @Test
    void anUnknownLevelIsA400BeforeAnyStreaming() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(agent.httpAddress() + "/v1/agent/monitor?loglevel=verbose")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Unknown log level: verbose");
        assertThat(agent.logStream().subscribers()).isEmpty();
    }

    @Test
    void closingTheConnectionEndsTheSubscription() throws IOException {
        MonitorConnection m = MonitorConnection.open(address(), "loglevel=trace");
        awaitSubscribers(1);

        m.close();

        awaitSubscribers(0);
    }

    @Test
    void aReaderThatReadsNothingHoldsAtMost512LinesAndTheDropsAreCounted() throws IOException {
        String filler = "x".repeat(1000);
        try (MonitorConnection watcher = MonitorConnection.open(address(), "loglevel=warn").readLines()) {
            MonitorConnection stuck = MonitorConnection.open(address(), "loglevel=debug", "", 4096);
            awaitSubscribers(2);
            LogSubscriber slow = agent.logStream().subscribers().stream()
                    .filter(s -> s.levelInt() == ch.qos.logback.classic.Level.DEBUG_INT).findFirst().orElseThrow();
            int maxQueued = 0;
            for (int i = 0; i < 20_000; i++) {
                log.debug("{}: filler {} {}", agent.nodeName(), i, filler);
                maxQueued = Math.max(maxQueued, slow.queued());
            }
            assertThat(maxQueued).isLessThanOrEqualTo(LogSubscriber.CAPACITY);
            assertThat(slow.dropped()).as("20 MB cannot all be in flight").isGreaterThan(0);
            long dropped = slow.dropped();

            stuck.close();

            awaitSubscribers(1);
            await().atMost(DEADLINE).until(() -> watcher.hasLineContaining("Dropped logs during monitor request"));
            assertThat(watcher.lineContaining("Dropped logs during monitor request"))
                    .contains("[WARN]  agent.logstream.LogStream: monitor-1: Dropped logs during monitor request: "
                            + "dropped_count=" + dropped);
        }
    }
}
