package dev.attache.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.acl.TokenResolver;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real server on loopback: body limit, keep-alive, bind failures. */
class HttpApiServerTest {
    private HttpApiServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        RouteTable routes = RouteTable.builder()
                .put("/v1/echo", Permission.none(), r -> ApiResponse.json(Map.of("Bytes", r.body().length)))
                .get("/v1/agent/self", Permission.agentRead(), r -> ApiResponse.json(Map.of("ok", true)))
                .build();
        server = new HttpApiServer(new HttpConfig("127.0.0.1", 0, 1024, Map.of(), 1), routes,
                TokenResolver.aclsDisabled(), "n1", "allow").start().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop().get(10, TimeUnit.SECONDS);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void bodyWithinLimitReachesHandler() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/v1/echo"))
                .PUT(HttpRequest.BodyPublishers.ofString("x".repeat(1024))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"Bytes\":1024}");
    }

    @Test
    void bodyOverLimitIs413WithPlainText() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/v1/echo"))
                .PUT(HttpRequest.BodyPublishers.ofString("x".repeat(1025))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).isEqualTo("Request body too large, max size: 1024 bytes");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        // the server closes the connection after a 413, and says so: a client must not reuse it
        assertThat(r.headers().firstValue("Connection")).hasValue("close");
        HttpResponse<String> next = client.send(HttpRequest.newBuilder(uri("/v1/agent/self")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(next.statusCode()).isEqualTo(200);
    }

    @Test
    void a413IsReadableByAClientThatSendsItsWholeBodyFirst() throws Exception {
        // The 413 goes out once the head shows the body is too large. Closing at once would reset the connection
        // under a client still sending its body, and the client would lose the answer.
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            int length = 16 * 1024 * 1024;
            out.write(("PUT /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[8192];
            for (int sent = 0; sent < length; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 413 Request Entity Too Large\r\n")
                    .contains("\r\nconnection: close\r\n")
                    .endsWith("Request body too large, max size: 1024 bytes");
        }
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            String req = "GET /v1/agent/self HTTP/1.1\r\nHost: x\r\n\r\n";
            out.write((req + req).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String both = readUntil(s.getInputStream(), 2);
            assertThat(both.split("HTTP/1.1 200 OK", -1)).hasSize(3);
            assertThat(s.isClosed()).isFalse();
        }
    }

    @Test
    void secondServerOnSamePortFailsWithClearError() {
        HttpApiServer other = new HttpApiServer(new HttpConfig("127.0.0.1", server.port(), 1024, Map.of(), 1),
                RouteTable.builder().build(), TokenResolver.aclsDisabled(), "n2", "allow");
        assertThatThrownBy(() -> other.start().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(BindFailedException.class)
                .hasMessage("HTTP listener on 127.0.0.1:" + server.port() + ": bind: address already in use");
    }

    /** Reads until {@code responses} complete bodies ({"ok":true}) arrived. */
    private static String readUntil(InputStream in, int responses) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (buf.toString(StandardCharsets.US_ASCII).split("\\{\"ok\":true}", -1).length <= responses) {
            int n = in.read(chunk);
            if (n < 0) {
                break;
            }
            buf.write(chunk, 0, n);
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }
}
