package dev.attache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The first agent endpoints over real HTTP against a dev agent, written once and run against an agent
 * in this JVM and against the jar as a separate process.
 */
abstract class AgentEndpointScenarios {

    /** The agent's HTTP address, {@code http://127.0.0.1:port}. */
    abstract String baseUrl();

    /** The agent's node name. */
    abstract String nodeName();

    Http http() {
        return new Http(baseUrl());
    }

    @Test
    void versionHasConsulFields() {
        Http.Reply r = http().get("/v1/agent/version");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        JsonNode v = r.json();
        assertThat(v.get("HumanVersion").asText()).startsWith("1.21.0+attache.");
        assertThat(v.get("SHA").isTextual()).isTrue();
        assertThat(v.get("BuildDate").isTextual()).isTrue();
        assertThat(v.get("FIPS").asText()).isEmpty();
    }

    @Test
    void selfMatchesSampleShape() {
        Http.Reply r = http().get("/v1/agent/self");
        assertThat(r.status()).isEqualTo(200);
        JsonNode self = r.json();
        Shapes.assertMatches(Shapes.sample("self"), self, "", Set.of("Meta"));
        assertThat(self.at("/Config/NodeName").asText()).isEqualTo(nodeName());
        assertThat(self.at("/Config/Datacenter").asText()).isEqualTo("dc1");
        assertThat(self.at("/Config/Server").asBoolean()).isTrue();
        assertThat(self.at("/Member/Name").asText()).isEqualTo(nodeName());
        assertThat(self.at("/Member/Status").asInt()).isEqualTo(1);
        assertThat(self.at("/Member/Tags/role").asText()).isEqualTo("consul");
        assertThat(self.at("/Coord/Vec").size()).isEqualTo(8);
        assertThat(self.at("/Stats/build/version").asText()).isEqualTo("1.21.0");
        assertThat(self.at("/DebugConfig/NodeName").asText()).isEqualTo(nodeName());
    }

    @Test
    void devAgentLeadsItsRaftGroupOfOne() {
        await("Raft leadership").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode stats = http().get("/v1/agent/self").json().get("Stats");
            assertThat(stats.at("/consul/leader").asText()).isEqualTo("true");
            assertThat(stats.at("/raft/state").asText()).isEqualTo("Leader");
            assertThat(stats.at("/consul/leader_addr").asText()).matches("127\\.0\\.0\\.1:\\d+");
        });
    }

    @Test
    void membersListsTheAgentAliveInSampleShape() {
        Http.Reply r = http().get("/v1/agent/members");
        assertThat(r.status()).isEqualTo(200);
        JsonNode members = r.json();
        Shapes.assertMatches(Shapes.sample("members"), members, "", Set.of());
        assertThat(members).hasSize(1);
        JsonNode me = members.get(0);
        assertThat(me.get("Name").asText()).isEqualTo(nodeName());
        assertThat(me.get("Addr").asText()).isEqualTo("127.0.0.1");
        assertThat(me.get("Status").asInt()).isEqualTo(1);
        assertThat(me.at("/Tags/dc").asText()).isEqualTo("dc1");
        assertThat(me.get("ProtocolCur").asInt()).isEqualTo(2);
        assertThat(me.get("DelegateCur").asInt()).isEqualTo(4);
    }

    @Test
    void hostMatchesSampleShapeWithRealFacts() {
        Http.Reply r = http().get("/v1/agent/host");
        assertThat(r.status()).isEqualTo(200);
        JsonNode host = r.json();
        Shapes.assertMatches(Shapes.sample("host"), host, "", Set.of());
        assertThat(host.at("/Memory/total").asLong()).isPositive();
        assertThat(host.get("CPU").size()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(host.at("/Host/os").asText()).isEqualTo("linux");
        assertThat(host.at("/Disk/path").asText()).isEqualTo("/");
    }

    @Test
    void unknownPathIs404() {
        Http.Reply r = http().get("/v1/agent/nope");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("Invalid URL path: not a recognized HTTP API endpoint\n");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Http.Reply r = http().put("/v1/agent/self", "");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.body()).isEqualTo("method PUT not allowed");
        assertThat(r.header("Allow")).isEqualTo("OPTIONS,GET");
    }

    @Test
    void optionsAnswersAllow() {
        Http.Reply r = http().method("OPTIONS", "/v1/agent/members");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Allow")).isEqualTo("OPTIONS,GET");
    }

    @Test
    void oversizedBodyIs413() {
        Http.Reply r = http().put("/v1/agent/self", "x".repeat(600 * 1024));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body()).startsWith("Request body too large");
    }

    @Test
    void everyRoutedResponseCarriesDefaultAclPolicy() {
        assertThat(http().get("/v1/agent/self").header("X-Consul-Default-ACL-Policy")).isEqualTo("allow");
        assertThat(http().put("/v1/agent/self", "").header("X-Consul-Default-ACL-Policy")).isEqualTo("allow");
    }

    @Test
    void prettyPrintsIndentedJson() {
        Http.Reply r = http().get("/v1/agent/version?pretty");
        assertThat(r.body()).startsWith("{\n    \"SHA\"").endsWith("}\n");
    }
}
