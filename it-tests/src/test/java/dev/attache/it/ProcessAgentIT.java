package dev.attache.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The endpoint scenarios against {@code java -jar attache.jar agent -dev} in its own process. */
class ProcessAgentIT extends AgentEndpointScenarios {
    private static AgentProcess agent;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("attache-process-it");
        agent = AgentProcess.start(dir, "agent", "-dev", "-node=proc-1", "-http-port=0", "-serf-lan-port=0",
                "-server-port=0", "-serf-wan-port=0");
        base = agent.awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    @Override
    String baseUrl() {
        return base;
    }

    @Override
    String nodeName() {
        return "proc-1";
    }
}
