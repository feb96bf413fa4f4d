package dev.attache.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.AclException;
import dev.attache.acl.AclIdentity;
import dev.attache.acl.Authorizers;
import dev.attache.acl.TokenResolver;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    record Echo(String path, String param, String token, boolean pretty) {
    }

    private final AtomicReference<String> lastToken = new AtomicReference<>();
    private final CompletableFuture<ApiResponse> slow = new CompletableFuture<>();

    private final RouteTable routes = RouteTable.builder()
            .get("/v1/agent/self", Permission.agentRead(), r -> ApiResponse.json(Map.of("Name", "n1")))
            .put("/v1/agent/reload", Permission.agentWrite(), r -> ApiResponse.empty())
            .put("/v1/agent/join/", Permission.agentWrite(),
                    r -> ApiResponse.json(new Echo(r.path(), r.pathParam(), r.token(), r.pretty())))
            .get("/v1/boom", Permission.none(), r -> {
                throw new IllegalStateException("secret internals");
            })
            .get("/v1/bad", Permission.none(), r -> {
                throw ApiException.badRequest("Missing value for enable");
            })
            .getAsync("/v1/slow", Permission.none(), r -> slow)
            .get("/v1/fast", Permission.none(), r -> ApiResponse.json(List.of("fast")))
            .get("/v1/open", Permission.noToken(), r -> ApiResponse.json(List.of(r.identity().accessorId())))
            .getAsync("/v1/translated/", Permission.none(),
                    r -> CompletableFuture.failedFuture(new IllegalArgumentException(r.pathParam())),
                    error -> error instanceof AclException || error instanceof IllegalArgumentException
                            ? ErrorWithHeaders.of(ApiException.notFound("translated: " + error.getMessage()),
                                    Map.of("X-Translated", "yes"))
                            : error)
            .get("/v1/tree/sub/", Permission.none(), r -> ApiResponse.json(List.of("sub")))
            .build();

    private final TokenResolver resolver = secret -> {
        lastToken.set(secret);
        if (secret.equals("unknown")) {
            return CompletableFuture.failedFuture(AclException.aclNotFound("ACL not found"));
        }
        return CompletableFuture.completedFuture(secret.equals("deny")
                ? new AclIdentity("acc-1", false, Authorizers.denyAll())
                : AclIdentity.aclsDisabled());
    };

    private final EmbeddedChannel channel = new EmbeddedChannel(
            new Dispatcher(routes, resolver, "node1", new ResponseWriter("deny", Map.of("X-Custom", "yes"))));

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    private FullHttpResponse call(HttpMethod method, String uri, Map<String, String> headers) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.EMPTY_BUFFER);
        headers.forEach(req.headers()::set);
        channel.writeInbound(req);
        channel.runPendingTasks();
        return channel.readOutbound();
    }

    private FullHttpResponse call(HttpMethod method, String uri) {
        return call(method, uri, Map.of());
    }

    private static String body(FullHttpResponse r) {
        return r.content().toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownApiPathIs404WithConsulTextAndNoConsulHeaders() {
        FullHttpResponse r = call(HttpMethod.GET, "/v1/agent/nope");
        assertThat(r.status().code()).isEqualTo(404);
        assertThat(body(r)).isEqualTo("Invalid URL path: not a recognized HTTP API endpoint\n");
        assertThat(r.headers().get("X-Consul-Default-ACL-Policy")).isNull();
        r.release();
    }

    @Test
    void nonApiPathExplainsV1Prefix() {
        FullHttpResponse r = call(HttpMethod.GET, "/agent/self");
        assertThat(r.status().code()).isEqualTo(404);
        assertThat(body(r)).startsWith("Invalid URL path: if attempting to use the HTTP API, ensure the path starts with '/v1/'");
        r.release();
    }

    @Test
    void trailingSlashOnExactRouteIs404() {
        FullHttpResponse r = call(HttpMethod.GET, "/v1/agent/self/");
        assertThat(r.status().code()).isEqualTo(404);
        r.release();
    }

    @Test
    void wrongMethodIs405WithAllowAndBodyBeforeAnyAclCheck() {
        FullHttpResponse r = call(HttpMethod.GET, "/v1/agent/reload", Map.of("X-Consul-Token", "deny"));
        assertThat(r.status().code()).isEqualTo(405);
        assertThat(body(r)).isEqualTo("method GET not allowed");
        assertThat(r.headers().get("Allow")).isEqualTo("OPTIONS,PUT");
        assertThat(r.headers().get("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(lastToken.get()).isNull();
        r.release();
    }

    @Test
    void headIsNotAllowed() {
        FullHttpResponse r = call(HttpMethod.HEAD, "/v1/agent/self");
        assertThat(r.status().code()).isEqualTo(405);
        assertThat(r.headers().get("Allow")).isEqualTo("OPTIONS,GET");
        r.release();
    }

    @Test
    void optionsAnswersAllowWithoutRunningHandlerOrAcl() {
        FullHttpResponse r = call(HttpMethod.OPTIONS, "/v1/agent/reload", Map.of("X-Consul-Token", "deny"));
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(r.headers().get("Allow")).isEqualTo("OPTIONS,PUT");
        assertThat(r.content().readableBytes()).isZero();
        assertThat(lastToken.get()).isNull();
        r.release();
    }

    @Test
    void subtreeRootRedirectsToSlash() {
        FullHttpResponse r = call(HttpMethod.PUT, "/v1/agent/join");
        assertThat(r.status().code()).isEqualTo(301);
        assertThat(r.headers().get("Location")).isEqualTo("/v1/agent/join/");
        r.release();
    }

    @Test
    void successIsJsonWithConsulAndConfiguredHeaders() {
        FullHttpResponse r = call(HttpMethod.GET, "/v1/agent/self");
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(r.headers().get("X-Consul-Default-ACL-Policy")).isEqualTo("deny");
        assertThat(r.headers().get("X-Custom")).isEqualTo("yes");
        assertThat(body(r)).isEqualTo("{\"Name\":\"n1\"}");
        r.release();
    }

    @Test
    void prettyIndentsFourSpacesWithTrailingNewline() {
        FullHttpResponse r = call(HttpMethod.GET, "/v1/agent/self?pretty");
        assertThat(body(r)).isEqualTo("{\n    \"Name\": \"n1\"\n}\n");
        r.release();
    }

    @Test
    void prettyWritesEmptyCollectionsAsGoDoes() {
        assertThat(new String(dev.attache.api.json.Json.write(Map.of("A", List.of(), "M", Map.of()), true),
                java.nio.charset.StandardCharsets.UTF_8)).isIn("{\n    \"A\": [],\n    \"M\": {}\n}\n",
                "{\n    \"M\": {},\n    \"A\": []\n}\n");
    }

    @Test
    void emptySuccessHasZeroLength() {
        FullHttpResponse r = call(HttpMethod.PUT, "/v1/agent/reload");
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(r.headers().getInt("Content-Length")).isZero();
        r.release();
    }

    @Test
    void pathParameterIsPercentDecoded() {
        FullHttpResponse r = call(HttpMethod.PUT, "/v1/agent/join/127.0.0.1%3A8301");
        assertThat(body(r)).contains("\"param\":\"127.0.0.1:8301\"");
        r.release();
    }

    @Test
    void queryTokenWinsOverHeaderWhichWinsOverBearer() {
        call(HttpMethod.PUT, "/v1/agent/join/x?token=q", Map.of("X-Consul-Token", "h", "Authorization", "Bearer b")).release();
        assertThat(lastToken.get()).isEqualTo("q");
        call(HttpMethod.PUT, "/v1/agent/join/x?token=", Map.of("X-Consul-Token", "h", "Authorization", "Bearer b")).release();
        assertThat(lastToken.get()).isEqualTo("h");
        call(HttpMethod.PUT, "/v1/agent/join/x", Map.of("Authorization", "bearer  b1 b2")).release();
        assertThat(lastToken.get()).isEqualTo("b1");
        call(HttpMethod.PUT, "/v1/agent/join/x", Map.of("Authorization", "Basic abc")).release();
        assertThat(lastToken.get()).isEmpty();
    }

    @Test
    void deniedRouteAclIs403WithConsulMessage() {
        FullHttpResponse r = call(HttpMethod.GET, "/v1/agent/self", Map.of("X-Consul-Token", "deny"));
        assertThat(r.status().code()).isEqualTo(403);
        assertThat(body(r)).isEqualTo(
                "Permission denied: token with AccessorID 'acc-1' lacks permission 'agent:read' on \"node1\"");
        r.release();
    }

    @Test
    void unexpectedErrorIsGeneric500WithoutInternals() {
        FullHttpResponse r = call(HttpMethod.GET, "/v1/boom");
        assertThat(r.status().code()).isEqualTo(500);
        assertThat(body(r)).isEqualTo("An unexpected error occurred").doesNotContain("secret");
        assertThat(r.headers().get("X-Consul-Default-ACL-Policy")).isEqualTo("deny");
        r.release();
    }

    @Test
    void apiExceptionKeepsItsStatusAndText() {
        FullHttpResponse r = call(HttpMethod.GET, "/v1/bad");
        assertThat(r.status().code()).isEqualTo(400);
        assertThat(body(r)).isEqualTo("Missing value for enable");
        r.release();
    }

    @Test
    void unprintablePathIs400() {
        FullHttpResponse r = call(HttpMethod.GET, "/v1/agent/se%01lf");
        assertThat(r.status().code()).isEqualTo(400);
        r.release();
    }

    @Test
    void malformedPercentEncodingIs400NotAStackTrace() {
        FullHttpResponse r = call(HttpMethod.GET, "/v1/agent/%zz");
        assertThat(r.status().code()).isEqualTo(400);
        r.release();
    }

    @Test
    void responsesLeaveInRequestOrderOnOneConnection() {
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/v1/slow"));
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/v1/fast"));
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound()).isNull();
        slow.complete(ApiResponse.json(List.of("slow")));
        channel.runPendingTasks();
        FullHttpResponse first = channel.readOutbound();
        FullHttpResponse second = channel.readOutbound();
        assertThat(body(first)).isEqualTo("[\"slow\"]");
        assertThat(body(second)).isEqualTo("[\"fast\"]");
        first.release();
        second.release();
    }

    @Test
    void noTokenRoutesNeverResolveTheToken() {
        FullHttpResponse r = call(HttpMethod.GET, "/v1/open", Map.of("X-Consul-Token", "unknown"));
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(body(r)).isEqualTo("[\"\"]");
        assertThat(lastToken.get()).isNull();
        r.release();
    }

    @Test
    void aRoutesErrorTranslationSeesResolverAndHandlerFailures() {
        FullHttpResponse resolver = call(HttpMethod.GET, "/v1/translated/x", Map.of("X-Consul-Token", "unknown"));
        assertThat(resolver.status().code()).isEqualTo(404);
        assertThat(body(resolver)).isEqualTo("translated: ACL not found");
        assertThat(resolver.headers().get("X-Translated")).isEqualTo("yes");
        resolver.release();
        FullHttpResponse handler = call(HttpMethod.GET, "/v1/translated/boom");
        assertThat(handler.status().code()).isEqualTo(404);
        assertThat(body(handler)).isEqualTo("translated: boom");
        handler.release();
        FullHttpResponse untranslated = call(HttpMethod.GET, "/v1/agent/self", Map.of("X-Consul-Token", "unknown"));
        assertThat(untranslated.status().code()).isEqualTo(403);
        assertThat(body(untranslated)).isEqualTo("ACL not found");
        assertThat(untranslated.headers().get("X-Translated")).isNull();
        untranslated.release();
    }

    @Test
    void subtreeRootRedirectsEvenWhenAShorterPrefixWouldMatch() {
        FullHttpResponse r = call(HttpMethod.GET, "/v1/tree/sub");
        assertThat(r.status().code()).isEqualTo(301);
        assertThat(r.headers().get("Location")).isEqualTo("/v1/tree/sub/");
        r.release();
        FullHttpResponse under = call(HttpMethod.GET, "/v1/tree/sub/x");
        assertThat(under.status().code()).isEqualTo(200);
        under.release();
    }
}
