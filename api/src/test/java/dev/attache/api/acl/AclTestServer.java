package dev.attache.api.acl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.acl.AccessLevel;
import dev.attache.acl.AclException;
import dev.attache.acl.AclIdentity;
import dev.attache.acl.Authorizers;
import dev.attache.acl.Decision;
import dev.attache.acl.Resource;
import dev.attache.acl.TokenResolver;
import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.TokenSpec;
import dev.attache.acl.token.AclToken;
import dev.attache.api.AgentControl;
import dev.attache.api.BuildInfo;
import dev.attache.api.HttpApiServer;
import dev.attache.api.HttpConfig;
import dev.attache.api.Routes;
import dev.attache.api.StreamBody;
import dev.attache.api.agent.MonitorEndpoint;
import dev.attache.api.agent.AgentEndpoints;
import dev.attache.api.agent.AgentInfo;
import dev.attache.api.agent.AgentTokenEndpoints;
import dev.attache.api.agent.AgentTokenKind;
import dev.attache.api.agent.CheckJson;
import dev.attache.api.agent.MaintenanceEndpoints;
import dev.attache.api.agent.MembershipEndpoints;
import dev.attache.api.agent.MetricsEndpoints;
import dev.attache.api.agent.MetricsFixture;
import dev.attache.api.agent.NodeMaintenance;
import dev.attache.api.agent.ReloadEndpoint;
import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import dev.attache.cluster.Membership;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real {@link HttpApiServer} on loopback port 0 with the real route table, backed by an in-memory replicated ACL
 * state. The state starts initialized (builtin policies, anonymous token) and bootstrapped, with three tokens whose
 * secrets the test resolver knows: management, acl-read-only and no-permission.
 */
final class AclTestServer implements AutoCloseable {
    static final String DC = "dc1";
    static final String MGMT_ACCESSOR = "5e1a1b2c-0000-4000-8000-00000000aaaa";
    static final String MGMT_SECRET = "5e1a1b2c-0000-4000-8000-00000000bbbb";
    static final String READER_ACCESSOR = "7a2b3c4d-0000-4000-8000-00000000aaaa";
    static final String READER_SECRET = "7a2b3c4d-0000-4000-8000-00000000bbbb";
    static final String NOBODY_ACCESSOR = "9c3d4e5f-0000-4000-8000-00000000aaaa";
    static final String NOBODY_SECRET = "9c3d4e5f-0000-4000-8000-00000000bbbb";
    static final String UNKNOWN_SECRET = "0badbad0-0000-4000-8000-000000000000";
    static final String ANONYMOUS_ACCESSOR = AclToken.ANONYMOUS_ACCESSOR_ID;

    private static final ObjectMapper JSON = new ObjectMapper();

    final InMemoryAclReplication replication = new InMemoryAclReplication();
    final FixedLeadership leadership = new FixedLeadership();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicReference<String> defaultToken = new AtomicReference<>("");
    final AtomicLong resetIndex = new AtomicLong(-1);
    final AtomicInteger resetConsumed = new AtomicInteger();
    final AtomicReference<String> lastResolvedSecret = new AtomicReference<>();
    /** What {@code PUT /v1/agent/token/*} stored. */
    final Map<AgentTokenKind, String> agentTokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpApiServer server;

    private AclTestServer(boolean aclsEnabled, boolean bootstrapped) throws Exception {
        Instant now = Instant.now();
        replication.apply(new AclCommand.Initialize(now, "", ""));
        if (bootstrapped) {
            replication.apply(new AclCommand.Bootstrap(now, MGMT_ACCESSOR, MGMT_SECRET, true, -1));
        }
        apply(token(READER_ACCESSOR, READER_SECRET, "acl reader"));
        apply(token(NOBODY_ACCESSOR, NOBODY_SECRET, "nobody"));
        AclEndpointConfig config = new AclEndpointConfig(aclsEnabled, DC);
        BootstrapReset reset = new BootstrapReset() {
            @Override
            public long resetIndex() {
                return resetIndex.get();
            }

            @Override
            public void consumed() {
                resetConsumed.incrementAndGet();
                resetIndex.set(-1);
            }
        };
        Runnable onWrite = writes::incrementAndGet;
        TokenResolver resolver = aclsEnabled ? this::resolve : TokenResolver.aclsDisabled();
        var routes = Routes.table(agentEndpoints(), membershipEndpoints(),
                new AclBootstrapEndpoint(config, replication, reset, onWrite),
                new AclTokenEndpoints(config, replication, leadership, defaultToken::get, onWrite),
                new AclPolicyEndpoints(config, replication, leadership, onWrite),
                new AgentTokenEndpoints("node-1", aclsEnabled, agentTokens::put),
                new ReloadEndpoint(new AgentControl() {
                    @Override
                    public CompletableFuture<Void> leave() {
                        return CompletableFuture.completedFuture(null);
                    }

                    @Override
                    public void shutdown() {
                    }
                }, Runnable::run),
                new MaintenanceEndpoints("node-1", maintenance, resolver),
                new MonitorEndpoint((level, json) -> new SilentStream()),
                new MetricsEndpoints(MetricsFixture.EMPTY),
                new AclReplicationEndpoints(config, replication, leadership,
                        () -> CompletableFuture.completedFuture(dev.attache.cluster.AclReplicationStatus.DISABLED)));
        server = new HttpApiServer(new HttpConfig("127.0.0.1", 0, HttpConfig.DEFAULT_MAX_REQUEST_BODY_BYTES,
                Map.of(), 1), routes, resolver, "node-1", "deny").start().get(10, TimeUnit.SECONDS);
    }

    /** A log stream that never has a line: enough for the ACL checks in front of the monitor. */
    private static final class SilentStream implements StreamBody {
        @Override
        public void start(Runnable wake) {
        }

        @Override
        public byte[] poll() {
            return null;
        }

        @Override
        public void close() {
        }
    }

    /** ACLs on, bootstrapped, the three test tokens present. */
    static AclTestServer start() throws Exception {
        return new AclTestServer(true, true);
    }

    /** ACLs on, never bootstrapped. */
    static AclTestServer startUnbootstrapped() throws Exception {
        return new AclTestServer(true, false);
    }

    /** ACLs off: every /v1/acl/* endpoint answers 401. */
    static AclTestServer startWithAclsDisabled() throws Exception {
        return new AclTestServer(false, true);
    }

    @Override
    public void close() throws Exception {
        server.stop().get(10, TimeUnit.SECONDS);
    }

    /** The fixed identities of the test: what the real resolver would make of these secrets. */
    private CompletableFuture<AclIdentity> resolve(String secret) {
        lastResolvedSecret.set(secret);
        return switch (secret) {
            case MGMT_SECRET -> done(new AclIdentity(MGMT_ACCESSOR, false, Authorizers.manageAll()));
            case READER_SECRET -> done(new AclIdentity(READER_ACCESSOR, false, (resource, level, name) ->
                    resource == Resource.ACL && level == AccessLevel.READ ? Decision.ALLOW : Decision.DENY));
            case NOBODY_SECRET -> done(new AclIdentity(NOBODY_ACCESSOR, false, Authorizers.denyAll()));
            case "", AclToken.ANONYMOUS_SECRET_ID -> done(new AclIdentity(ANONYMOUS_ACCESSOR, true,
                    (resource, level, name) -> resource == Resource.NODE && "visible".equals(name)
                            ? Decision.ALLOW : Decision.DENY));
            default -> CompletableFuture.failedFuture(AclException.aclNotFound("ACL not found"));
        };
    }

    private static CompletableFuture<AclIdentity> done(AclIdentity identity) {
        return CompletableFuture.completedFuture(identity);
    }

    /** A token create command with caller-chosen IDs and no links. */
    static AclCommand.TokenCreate token(String accessor, String secret, String description) {
        return new AclCommand.TokenCreate(Instant.now(), new TokenSpec(accessor, true, secret, true, description,
                List.of(), List.of(), List.of(), List.of(), false, null, null));
    }

    Object apply(AclCommand command) {
        return replication.apply(command);
    }

    // ---- HTTP ----

    /** One answer: status, body, headers. */
    record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        List<String> fieldNames() {
            List<String> names = new java.util.ArrayList<>();
            json().fieldNames().forEachRemaining(names::add);
            return names;
        }
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    Reply put(String path, String token, String body) {
        return send("PUT", path, token, body, Map.of());
    }

    Reply delete(String path, String token) {
        return send("DELETE", path, token, null, Map.of());
    }

    Reply send(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("X-Consul-Token", token);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    // ---- the agent endpoints the route table also needs ----

    /** Node maintenance in memory: the check while enabled, with the first reason. */
    static final class InMemoryMaintenance implements NodeMaintenance {
        private volatile CheckJson check;

        @Override
        public Optional<CheckJson> check() {
            return Optional.ofNullable(check);
        }

        @Override
        public synchronized void enable(String reason, String token) {
            if (check == null) {
                check = CheckJson.nodeMaintenance("node-1", reason);
            }
        }

        @Override
        public void disable() {
            check = null;
        }
    }

    final InMemoryMaintenance maintenance = new InMemoryMaintenance();

    private AgentEndpoints agentEndpoints() {
        AgentInfo info = new AgentInfo("node-1", "11111111-2222-3333-4444-555555555555", DC, DC, true, Map.of(),
                Map::of);
        return new AgentEndpoints(info, BuildInfo.current(), lan(), leadership, () -> null, Runnable::run);
    }

    private MembershipEndpoints membershipEndpoints() {
        return new MembershipEndpoints(DC, lan(), Optional.empty(), new AgentControl() {
            @Override
            public CompletableFuture<Void> leave() {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void shutdown() {
            }
        });
    }

    /** Two LAN members: {@code visible} (the anonymous identity may read it) and {@code hidden}. */
    private static Membership lan() {
        List<Member> members = List.of(
                new Member("visible", "127.0.0.1", 8301, Map.of("role", "node"), MemberStatus.ALIVE),
                new Member("hidden", "127.0.0.2", 8301, Map.of("role", "node"), MemberStatus.ALIVE));
        return new Membership() {
            @Override
            public Member localMember() {
                return members.get(0);
            }

            @Override
            public List<Member> members() {
                return members;
            }

            @Override
            public CompletableFuture<Void> join(String address) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> forceLeave(String node, boolean prune) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public Registration addListener(dev.attache.cluster.MembershipListener listener) {
                return () -> { };
            }
        };
    }
}
