package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client side of the wire against a stub HTTP server that answers fixed bodies, for what a dev agent
 * cannot show: the token header, arbitrary statuses and bodies, a Consul-shaped member list.
 */
class AgentClientTest {
    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())
                    + " token=" + exchange.getRequestHeaders().getFirst("X-Consul-Token"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Map<String, String> env(String... more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(HttpFlags.ADDR_ENV, "127.0.0.1:" + server.getAddress().getPort()));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    @Test
    void sendsTheTokenOnlyWhenThereIsOne() throws Exception {
        AgentClient anonymous = new AgentClient("http", "127.0.0.1:" + server.getAddress().getPort(), "");
        AgentClient withToken = new AgentClient("http", "127.0.0.1:" + server.getAddress().getPort(), "s3cr3t");

        anonymous.put("/v1/agent/leave", Map.of());
        withToken.get("/v1/agent/members", Map.of("segment", "_all"));

        assertThat(seen).containsExactly("PUT /v1/agent/leave token=null",
                "GET /v1/agent/members?segment=_all token=s3cr3t");
    }

    @Test
    void nonOkStatusIsUnexpectedResponseCodeWithTrimmedBody() {
        status = 403;
        body = "\n  ACL not found \n";
        AgentClient client = new AgentClient("http", "127.0.0.1:" + server.getAddress().getPort(), "");

        assertThatThrownBy(() -> client.get("/v1/agent/members", Map.of()))
                .isInstanceOf(AgentClient.RequestException.class)
                .hasMessage("Unexpected response code: 403 (ACL not found)");
    }

    @Test
    void membersSendsTokenFlagsAndReadsConsulShapedJson() {
        body = """
                [{"Name":"c2","Addr":"10.0.0.2","Port":8301,"Tags":{"role":"node","dc":"dc1","segment":"",
                  "build":"1.21.0:deadbeef","vsn":"2"},"Status":3,"ProtocolMin":1,"Extra":true},
                 {"Name":"s1","Addr":"10.0.0.1","Port":8301,"Tags":{"role":"consul","dc":"dc1","segment":"",
                  "build":"1.21.0:deadbeef","vsn":"2"},"Status":1}]
                """;

        CliRun run = CliRun.run(MembersCommand::new, env(HttpFlags.TOKEN_ENV, "from-env"),
                "-token=from-flag", "-wan", "-filter", "Name != \"x\"");

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(seen).containsExactly("GET /v1/agent/members?filter=Name+%21%3D+%22x%22&segment=_all&wan=1"
                + " token=from-flag");
        assertThat(run.out()).isEqualTo("""
                Node  Address        Status  Type    Build   Protocol  DC   Partition  Segment
                s1    10.0.0.1:8301  alive   server  1.21.0  2         dc1  default    <all>
                c2    10.0.0.2:8301  left    client  1.21.0  2         dc1  default    <default>
                """);
    }

    @Test
    void aNullMemberListMatchesNothing() {
        body = "null";

        CliRun run = CliRun.run(MembersCommand::new, env(), "-wan");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void forceLeaveSendsPruneAndWanSortedAndPrintsNothing() {
        CliRun run = CliRun.run(ForceLeaveCommand::new, env(), "-wan", "-prune", "node1.dc1");

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
        assertThat(seen).containsExactly("PUT /v1/agent/force-leave/node1.dc1?prune=1&wan=1 token=null");
    }

    @Test
    void joinEscapesIpv6AddressesInThePath() {
        CliRun run = CliRun.run(JoinCommand::new, env(), "-wan", "[::1]:8302");

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out()).isEqualTo("Successfully joined cluster by contacting 1 nodes.\n");
        assertThat(seen).containsExactly("PUT /v1/agent/join/%5B::1%5D:8302?wan=1 token=null");
    }
}
