package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wire side of the ACL commands against a stub that answers canned Consul-shaped bodies: the requests the Go
 * client would send (paths, query, token, bodies) and what the commands print from the answers. The agent's own
 * ACL endpoints are covered end to end elsewhere.
 */
class AclCommandsOverHttpTest {
    private static final String TOKEN = """
            {"AccessorID":"4be56c77-8244-4c7d-b08c-667b8c71baed","SecretID":"9b0f6c36-7a3e-4a36-9c55-2d0ee4e4d1aa",
             "Description":"web","Policies":[{"ID":"e359bd81-baca-903e-7e64-1ccd9fdc78f5","Name":"node-read"}],
             "ServiceIdentities":[{"ServiceName":"web"}],"Local":false,"CreateTime":"2024-03-01T10:00:00Z",
             "Hash":"cG9saWN5LWhhc2g=","CreateIndex":20,"ModifyIndex":20}""";
    private static final String PRETTY_TOKEN = """
            AccessorID:       4be56c77-8244-4c7d-b08c-667b8c71baed
            SecretID:         9b0f6c36-7a3e-4a36-9c55-2d0ee4e4d1aa
            Description:      web
            Local:            false
            Create Time:      2024-03-01 10:00:00 +0000 UTC
            Policies:
               e359bd81-baca-903e-7e64-1ccd9fdc78f5 - node-read
            Service Identities:
               web (Datacenters: all)

            """;

    private record Answer(int status, String body) {
    }

    private HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + (query == null ? "" : "?" + query);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(key + " token=" + exchange.getRequestHeaders().getFirst("X-Consul-Token")
                    + (body.isEmpty() ? "" : " " + body));
            Answer a = answers.getOrDefault(key, new Answer(404, "no stub for " + key));
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
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

    private void answer(String request, int status, String body) {
        answers.put(request, new Answer(status, body));
    }

    private CliRun run(Function<CommandContext, AgentCommand> command, String... args) {
        return CliRun.run(command, Map.of(HttpFlags.ADDR_ENV, "127.0.0.1:" + server.getAddress().getPort(),
                HttpFlags.TOKEN_ENV, "root", "TZ", "UTC"), args);
    }

    @Test
    void tokenCreateSendsTheGoClientsBodyAndPrintsTheToken() {
        answer("PUT /v1/acl/token", 200, TOKEN);

        CliRun run = run(AclTokenCreateCommand::new, "-description", "web", "-policy-name", "node-read",
                "-policy-id", "global-management", "-service-identity", "web:dc1", "-expires-ttl", "10m");

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(requests).containsExactly("PUT /v1/acl/token token=root {\"CreateIndex\":0,\"ModifyIndex\":0,"
                + "\"AccessorID\":\"\",\"SecretID\":\"\",\"Description\":\"web\",\"Policies\":[{\"ID\":\"\","
                + "\"Name\":\"node-read\"},{\"ID\":\"00000000-0000-0000-0000-000000000001\",\"Name\":\"\"}],"
                + "\"ServiceIdentities\":[{\"ServiceName\":\"web\",\"Datacenters\":[\"dc1\"]}],\"Local\":false,"
                + "\"ExpirationTTL\":600000000000,\"CreateTime\":\"0001-01-01T00:00:00Z\"}\n");
        assertThat(run.out()).isEqualTo(PRETTY_TOKEN);
    }

    @Test
    void tokenReadResolvesAPrefixByListingAndSendsTheDatacenter() {
        answer("GET /v1/acl/tokens?dc=dc2", 200, "[" + TOKEN + ",{\"AccessorID\":\"00000000-0000-0000-0000-000000000002\"}]");
        answer("GET /v1/acl/token/4be56c77-8244-4c7d-b08c-667b8c71baed?dc=dc2", 200, TOKEN);

        CliRun run = run(AclTokenReadCommand::new, "-datacenter", "dc2", "-accessor-id", "4be5", "-format", "json");

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(requests).containsExactly("GET /v1/acl/tokens?dc=dc2 token=root",
                "GET /v1/acl/token/4be56c77-8244-4c7d-b08c-667b8c71baed?dc=dc2 token=root");
        assertThat(run.out()).startsWith("{\n    \"CreateIndex\": 20,\n").endsWith("\n}\n");
    }

    @Test
    void tokenUpdateReadsThenPutsTheWholeTokenBackAsConsulsCliDoes() {
        String id = "4be56c77-8244-4c7d-b08c-667b8c71baed";
        answer("GET /v1/acl/token/" + id, 200, TOKEN);
        answer("PUT /v1/acl/token/" + id, 200, TOKEN);

        CliRun run = run(AclTokenUpdateCommand::new, "-accessor-id", id, "-append-policy-name", "kv-read");

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(requests).hasSize(2);
        // Without -service-identity, Consul's CLI sends none: the update removes the token's service identities.
        assertThat(requests.get(1)).isEqualTo("PUT /v1/acl/token/" + id + " token=root {\"CreateIndex\":20,"
                + "\"ModifyIndex\":20,\"AccessorID\":\"" + id + "\",\"SecretID\":\"9b0f6c36-7a3e-4a36-9c55-2d0ee4e4d1aa\","
                + "\"Description\":\"web\",\"Policies\":[{\"ID\":\"e359bd81-baca-903e-7e64-1ccd9fdc78f5\","
                + "\"Name\":\"node-read\"},{\"ID\":\"\",\"Name\":\"kv-read\"}],\"Local\":false,"
                + "\"CreateTime\":\"2024-03-01T10:00:00Z\",\"Hash\":\"cG9saWN5LWhhc2g=\"}\n");
    }

    @Test
    void setAgentTokenFallsBackToLegacyPathsAndReadsTheTokenFromStdin() {
        answer("PUT /v1/agent/token/agent_master", 200, "");

        CliRun run = run(ctx -> new AclSetAgentTokenCommand(ctx,
                new ByteArrayInputStream("s3cr3t".getBytes(StandardCharsets.UTF_8))), "recovery", "-");

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out()).isEqualTo("ACL token \"recovery\" set successfully\n");
        assertThat(requests).containsExactly(
                "PUT /v1/agent/token/agent_recovery token=root {\"Token\":\"s3cr3t\"}\n",
                "PUT /v1/agent/token/agent_master token=root {\"Token\":\"s3cr3t\"}\n");
    }

    @Test
    void policyReadByNameTreats404AsNotFoundAndEscapesTheNameTwiceAsGoDoes() {
        CliRun run = run(AclPolicyReadCommand::new, "-name", "team/web");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error policy not found: team/web\n");
        assertThat(requests).containsExactly("GET /v1/acl/policy/name/team%252Fweb token=root");
    }

    @Test
    void policyUpdateMergesTheFlagsIntoThePolicyItRead() {
        String id = "e359bd81-baca-903e-7e64-1ccd9fdc78f5";
        String policy = "{\"ID\":\"" + id + "\",\"Name\":\"node-read\",\"Description\":\"old\","
                + "\"Rules\":\"node_prefix \\\"\\\" { policy = \\\"read\\\" }\",\"Datacenters\":[\"dc1\"],"
                + "\"Hash\":\"cG9saWN5LWhhc2g=\",\"CreateIndex\":14,\"ModifyIndex\":15}";
        answer("GET /v1/acl/policy/" + id, 200, policy);
        answer("PUT /v1/acl/policy/" + id, 200, policy);

        CliRun run = run(AclPolicyUpdateCommand::new, "-id", id, "-description", "new");

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(requests.get(1)).isEqualTo("PUT /v1/acl/policy/" + id + " token=root {\"ID\":\"" + id
                + "\",\"Name\":\"node-read\",\"Description\":\"new\",\"Rules\":\"node_prefix \\\"\\\" { policy = "
                + "\\\"read\\\" }\",\"Datacenters\":[\"dc1\"],\"Hash\":null,\"CreateIndex\":0,\"ModifyIndex\":0}\n");
        assertThat(run.out()).startsWith("ID:           " + id + "\n").endsWith("Rules:\nnode_prefix \"\" { policy = \"read\" }\n");
    }

    @Test
    void serverErrorsSurfaceUnderTheCommandsPrefix() {
        String id = "4be56c77-8244-4c7d-b08c-667b8c71baed";
        answer("DELETE /v1/acl/token/" + id, 404, "Cannot find token to delete\n");

        CliRun run = run(AclTokenDeleteCommand::new, "-accessor-id", id);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error deleting token \"" + id
                + "\": Unexpected response code: 404 (Cannot find token to delete)\n");
    }
}
