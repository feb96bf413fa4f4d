package dev.attache.it;

import dev.attache.agent.Agent;
import dev.attache.agent.AgentConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The endpoint scenarios against a dev agent started inside the test JVM. */
class InProcessAgentIT extends AgentEndpointScenarios {
    private static Agent agent;

    @BeforeAll
    static void start() {
        agent = Agent.builder()
                .config(AgentConfig.dev().nodeName("inproc-1").ports(AgentConfig.Ports.EPHEMERAL).build())
                .start();
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    @Override
    String baseUrl() {
        return agent.httpAddress();
    }

    @Override
    String nodeName() {
        return "inproc-1";
    }
}
