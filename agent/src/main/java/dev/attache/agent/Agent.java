package dev.attache.agent;

import dev.attache.acl.AclIdentity;
import dev.attache.acl.TokenResolver;
import dev.attache.acl.resolve.CachingTokenResolver;
import dev.attache.acl.resolve.ResolverConfig;
import dev.attache.agent.logstream.LogStream;
import dev.attache.agent.metrics.AgentMetrics;
import dev.attache.agent.metrics.ClusterMetrics;
import dev.attache.agent.metrics.MeteredAclReplication;
import dev.attache.agent.metrics.MeteredTokenResolver;
import dev.attache.agent.timeline.TimelineRecorder;
import dev.attache.api.AgentControl;
import dev.attache.api.ApiException;
import dev.attache.api.BuildInfo;
import dev.attache.api.HttpApiServer;
import dev.attache.api.HttpConfig;
import dev.attache.api.Routes;
import dev.attache.api.acl.AclBootstrapEndpoint;
import dev.attache.api.DatacenterForwarder;
import dev.attache.api.acl.AclEndpointConfig;
import dev.attache.api.acl.AclFederation;
import dev.attache.api.acl.AclReplicationEndpoints;
import dev.attache.api.acl.AclPolicyEndpoints;
import dev.attache.api.acl.AclTokenEndpoints;
import dev.attache.api.agent.AgentEndpoints;
import dev.attache.api.agent.AgentInfo;
import dev.attache.api.agent.AgentTokenEndpoints;
import dev.attache.api.agent.AgentTokenKind;
import dev.attache.api.agent.MaintenanceEndpoints;
import dev.attache.api.agent.MembershipEndpoints;
import dev.attache.api.agent.MetricsEndpoints;
import dev.attache.api.agent.MonitorEndpoint;
import dev.attache.api.agent.ReloadEndpoint;
import dev.attache.cluster.AclReplication;
import dev.attache.cluster.AclSettings;
import dev.attache.cluster.AgentCluster;
import dev.attache.cluster.ClusterConfig;
import dev.attache.cluster.Membership;
import com.codahale.metrics.MetricRegistry;
import dev.attache.hostinfo.HostInfoProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent: its gossip pools, its Raft group on a server, and its HTTP API.
 *
 * <pre>{@code
 * try (Agent agent = Agent.builder().config(AgentConfig.dev().ports(AgentConfig.Ports.EPHEMERAL).build()).start()) {
 *     System.out.println("HTTP API on " + agent.httpAddress());
 *     agent.membership().members().forEach(System.out::println);
 * }
 * }</pre>
 *
 * Many agents may run in one JVM; nothing is shared between them. On Java 17 the JVM needs
 * {@code --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED} (Atomix's serializer).
 */
public final class Agent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);
    static final long STOP_TIMEOUT_SECONDS = 30;

    private volatile AgentConfig config;
    private final DataDir dataDir;
    private final AgentCluster cluster;
    private final HttpApiServer http;
    private final TokenResolver tokens;
    private final AgentTokens agentTokens;
    private final ExecutorService blocking;
    private final Reloadable reloadable;
    private final LogStream logStream;
    private final AgentMetrics metrics;
    private final TimelineRecorder timeline;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean stopping;
    private volatile CompletableFuture<Void> leaving;

    private Agent(AgentConfig config, DataDir dataDir, AgentCluster cluster, HttpApiServer http,
                  TokenResolver tokens, AgentTokens agentTokens, ExecutorService blocking, Reloadable reloadable,
                  LogStream logStream, AgentMetrics metrics, TimelineRecorder timeline) {
        this.config = config;
        this.dataDir = dataDir;
        this.cluster = cluster;
        this.http = http;
        this.tokens = tokens;
        this.agentTokens = agentTokens;
        this.blocking = blocking;
        this.metrics = metrics;
        this.timeline = timeline;
        this.reloadable = reloadable;
        this.logStream = logStream;
    }

    /** What a reload reaches besides the agent's tokens: where the configuration comes from and who shows it. */
    private record Reloadable(Supplier<AgentConfig> source, List<Consumer<AgentConfig>> listeners,
                              AgentEndpoints endpoints, AtomicReference<Map<String, Object>> debugView) {
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The configuration the agent runs with (node ID and data directory resolved, ports as configured), with what
     * the last {@linkplain #reload() reload} changed.
     */
    public AgentConfig config() {
        return config;
    }

    public String nodeName() {
        return config.nodeName();
    }

    /** {@code http://host:port} of the HTTP API. */
    public String httpAddress() {
        return "http://" + http.bindAddress() + ":" + http.port();
    }

    public int httpPort() {
        return http.port();
    }

    /** The LAN gossip port bound. */
    public int serfLanPort() {
        return cluster.serfLanPort();
    }

    /** The WAN gossip port bound on a server, 0 on a client agent. */
    public int serfWanPort() {
        return cluster.wan().map(w -> w.localMember().port()).orElse(0);
    }

    /** The address other agents join this one at ({@code bind:serf_lan}). */
    public String lanAddress() {
        return config.bindAddress() + ":" + cluster.serfLanPort();
    }

    /** The datacenter's LAN pool as this agent sees it. */
    public Membership membership() {
        return cluster.lan();
    }

    /** The WAN pool on a server; empty on a client agent. */
    public java.util.Optional<Membership> wanMembership() {
        return cluster.wan();
    }

    /** The cluster this agent belongs to (pools and leadership). */
    public AgentCluster cluster() {
        return cluster;
    }

    public Path dataDir() {
        return dataDir.path();
    }

    /**
     * What a request carrying {@code secretId} may do on this agent ("" for none: the agent's default token, then
     * the anonymous token), exactly as the HTTP API decides it. With ACLs disabled every identity may do
     * everything. Fails with {@link dev.attache.acl.AclException} for an unknown or expired token.
     */
    public CompletableFuture<AclIdentity> resolveToken(String secretId) {
        return tokens.resolve(secretId == null ? "" : secretId);
    }

    /** The agent's own ACL tokens ({@code acl.tokens}, and what {@code PUT /v1/agent/token/*} set since). */
    public AgentTokens tokens() {
        return agentTokens;
    }

    /**
     * Reads the configuration again from the builder's {@linkplain Builder#configSource config source} (the
     * command-line agent: its files and flags) and applies it; see {@link #reload(AgentConfig)}.
     *
     * @throws ConfigException when the configuration cannot be read or is invalid; nothing changed then
     */
    public AgentConfig reload() {
        AgentConfig loaded;
        try {
            loaded = reloadable.source().get();
        } catch (ConfigException e) {
            log.error("{}: Failed to reload configs: {}", config.nodeName(), e.getMessage());
            throw e;
        }
        return reload(loaded);
    }

    /**
     * Applies what may change while the agent runs (consul-behavior.md §3.5): {@code log_level} (through the
     * builder's {@linkplain Builder#onReload reload listeners}), {@code node_meta}, and the agent's ACL tokens
     * (tokens persisted through the API still win). Any other difference is logged as a warning and ignored until a
     * restart. Returns the configuration now in force.
     */
    public synchronized AgentConfig reload(AgentConfig loaded) {
        Reloader.Outcome outcome = Reloader.apply(config, loaded);
        outcome.ignored().forEach(key -> log.warn("{}: {} cannot be changed by a reload; restart the agent to apply "
                + "it", config.nodeName(), key));
        AgentConfig next = outcome.config();
        agentTokens.reload(next.acl().tokens());
        reloadable.endpoints().nodeMetaChanged(next.nodeMeta());
        reloadable.debugView().set(next.debugView());
        config = next;
        for (Consumer<AgentConfig> listener : reloadable.listeners()) {
            listener.accept(next);
        }
        log.info("{}: configuration reloaded", next.nodeName());
        return next;
    }

    /** The agent's log monitor ({@code /v1/agent/monitor}): its current subscribers. */
    public LogStream logStream() {
        return logStream;
    }

    /**
     * The agent's metrics registry (Dropwizard), under Consul's names: what {@code GET /v1/agent/metrics} shows.
     * Labels are part of the name ({@code consul.api.http{method=GET,path=v1_agent_self}}; read them with
     * {@link dev.attache.agent.metrics.MetricKey#parse}). Metrics an embedder adds appear in the Prometheus output.
     */
    public MetricRegistry metrics() {
        return metrics.registry();
    }

    /** Completes once the agent has stopped. */
    public CompletableFuture<Void> whenStopped() {
        return stopped;
    }

    /**
     * Graceful leave, then stop: the other agents see this one as left, not failed. Completes once the agent
     * has stopped.
     */
    public CompletableFuture<Void> leave() {
        return leaveCluster().thenCompose(v -> stop());
    }

    /** Tells every pool this agent is leaving and waits for it to spread; the cluster is stopped after. */
    synchronized CompletableFuture<Void> leaveCluster() {
        if (leaving == null) {
            log.info("{}: leaving the cluster gracefully", config.nodeName());
            leaving = cluster.leave();
        }
        return leaving;
    }

    /** Stops the HTTP API, then the cluster; keeps going past a failure. Idempotent. */
    public synchronized CompletableFuture<Void> stop() {
        if (stopping) {
            return stopped;
        }
        stopping = true;
        log.info("{}: shutting down", config.nodeName());
        CompletableFuture<Void> left = leaving;
        http.stop()
                .exceptionally(e -> logged("HTTP server", e))
                .thenCompose(v -> left != null ? left.exceptionally(e -> logged("leave", e)) : cluster.stop())
                .exceptionally(e -> logged("cluster", e))
                .whenComplete((v, e) -> {
                    blocking.shutdownNow();
                    logStream.close();
                    metrics.close();
                    if (timeline != null) {
                        timeline.close();
                    }
                    dataDir.release();
                    log.info("{}: stopped", config.nodeName());
                    stopped.complete(null);
                });
        return stopped;
    }

    /** Stops and waits (bounded) for the stop to finish. */
    @Override
    public void close() {
        try {
            stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("{}: stop did not finish within {} s", config.nodeName(), STOP_TIMEOUT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("{}: stop failed: {}", config.nodeName(), e.toString());
        }
    }

    private Void logged(String what, Throwable e) {
        log.warn("{}: stopping the {} failed: {}", config.nodeName(), what, e.toString());
        return null;
    }

    /** Starts an agent from a configuration. */
    public static final class Builder {
        private AgentConfig config;
        private HostInfoProvider hostInfo;
        private Supplier<AgentConfig> configSource;
        private final List<Consumer<AgentConfig>> reloadListeners = new java.util.ArrayList<>();

        private Builder() {
        }

        /**
         * Where {@link Agent#reload()} (and {@code PUT /v1/agent/reload}) reads the configuration again; it may throw
         * {@link ConfigException}. Without one, a reload applies the configuration given to {@link #config} again.
         */
        public Builder configSource(Supplier<AgentConfig> source) {
            this.configSource = source;
            return this;
        }

        /** Called after each successful reload with the configuration now in force (e.g. to set the log level). */
        public Builder onReload(Consumer<AgentConfig> listener) {
            this.reloadListeners.add(listener);
            return this;
        }

        public Builder config(AgentConfig c) {
            this.config = c;
            return this;
        }

        /** Replaces the host facts source (defaults to OSHI). */
        public Builder hostInfo(HostInfoProvider provider) {
            this.hostInfo = provider;
            return this;
        }

        /** Starts the agent and waits (bounded) until its HTTP API listens. */
        public Agent start() {
            try {
                return startAsync().get(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AgentStartException("interrupted while starting", e);
            } catch (TimeoutException e) {
                throw new AgentStartException("agent did not start within 2 minutes", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new AgentStartException(cause.getMessage(), cause);
            }
        }

        /** Starts the agent; the future completes when its HTTP API listens. */
        public CompletableFuture<Agent> startAsync() {
            if (config == null) {
                throw new IllegalStateException("Agent.builder(): config(...) is required");
            }
            DataDir dir = DataDir.open(config);
            TimelineRecorder timeline;
            try {
                timeline = config.timelineFile() == null ? null
                        : TimelineRecorder.open(config.timelineFile(), config.nodeName(), config.datacenter(),
                                Clock.systemUTC());
            } catch (ConfigException e) {
                dir.release();
                throw e;
            }
            AgentConfig resolved = config.withDataDir(dir.path()).withNodeId(dir.nodeId(config.nodeId()));
            AgentTokens agentTokens = new AgentTokens(resolved.nodeName(), resolved.acl().tokens(),
                    resolved.acl().enableTokenPersistence(), dir.path());
            // Port 0 is resolved by the cluster, which also writes the bound server port into the `port` tag.
            ClusterConfig clusterConfig = new ClusterConfig(resolved.nodeName(), resolved.nodeId(),
                    resolved.datacenter(), resolved.bindAddress(), resolved.ports().serfLan(),
                    resolved.server() ? resolved.ports().serfWan() : 0,
                    resolved.server() ? resolved.ports().server() : 0, resolved.server(),
                    resolved.bootstrapExpect(), resolved.retryJoin(), resolved.retryJoinWan(), dir.path(),
                    resolved.gossipLan(), resolved.gossipWan(), MemberTags.of(resolved, BuildInfo.current()),
                    new AclSettings(resolved.acl().enabled(), resolved.acl().tokens().initialManagement(),
                            resolved.primaryDatacenter(), resolved.acl().enableTokenReplication(),
                            agentTokens.supplier(AgentTokenKind.REPLICATION)));
            Maintenance maintenance = new Maintenance(resolved.nodeName(), dir.path());
            AgentConfig given = config;
            Supplier<AgentConfig> source = configSource != null ? configSource : () -> given;
            List<Consumer<AgentConfig>> listeners = List.copyOf(reloadListeners);
            HostInfoProvider host = hostInfo != null ? hostInfo : HostInfoProvider.oshi();
            ExecutorService blocking = Executors.newCachedThreadPool(daemonThreads(resolved.nodeName()));
            blocking.execute(host::collect); // the first collection loads native code; take it off the first request
            AgentMetrics metrics = AgentMetrics.start(resolved.nodeName(), resolved.telemetry(), HostName.get());
            log.info("{}: starting agent (datacenter {}, server {}, data dir {})", resolved.nodeName(),
                    resolved.datacenter(), resolved.server(), dir.path());
            return AgentCluster.start(clusterConfig)
                    .thenCompose(cluster -> {
                        if (timeline != null) {
                            timeline.record(cluster.lan(), "lan");
                            cluster.wan().ifPresent(wan -> timeline.record(wan, "wan"));
                        }
                        metrics.onClose(ClusterMetrics.watchMembership(metrics, cluster.lan())::remove);
                        if (resolved.server()) {
                            ClusterMetrics.watchLeadership(metrics, cluster.leadership());
                            if (resolved.acl().enabled() && !cluster.datacenters().inPrimary()) {
                                ClusterMetrics.watchReplication(metrics, cluster.leadership(),
                                        cluster::aclReplicationStatus);
                            }
                        }
                        AclReplication replication = new MeteredAclReplication(cluster.acl(), metrics);
                        // the config is immutable; a reload swaps in the new one's view
                        AtomicReference<Map<String, Object>> debugView = new AtomicReference<>(resolved.debugView());
                        AgentInfo info = new AgentInfo(resolved.nodeName(), resolved.nodeId(), resolved.datacenter(),
                                resolved.primaryDatacenter(), resolved.server(), resolved.nodeMeta(),
                                debugView::get);
                        AgentEndpoints endpoints = new AgentEndpoints(info, BuildInfo.current(), cluster.lan(),
                                cluster.leadership(), host, blocking, () -> maintenance.check().isPresent());
                        CompletableFuture<Agent> self = new CompletableFuture<>();
                        AgentControl control = new AgentControl() {
                            @Override
                            public CompletableFuture<Void> leave() {
                                return self.thenCompose(Agent::leaveCluster);
                            }

                            @Override
                            public void shutdown() {
                                self.thenAccept(Agent::stop);
                            }

                            @Override
                            public void reload() {
                                Agent agent = self.getNow(null);
                                if (agent == null) {
                                    throw ApiException.internal("the agent is still starting");
                                }
                                try {
                                    agent.reload();
                                } catch (ConfigException e) {
                                    throw ApiException.internal(e.getMessage());
                                }
                            }
                        };
                        MembershipEndpoints pools = new MembershipEndpoints(resolved.datacenter(), cluster.lan(),
                                cluster.wan(), control);
                        HttpConfig httpConfig = new HttpConfig(resolved.clientAddress(), resolved.ports().http(),
                                resolved.maxRequestBodyBytes(), resolved.responseHeaders(), 0);
                        AclConfig acl = resolved.acl();
                        CachingTokenResolver cache = acl.enabled() ? resolver(resolved, cluster, agentTokens) : null;
                        TokenResolver resolver = cache != null ? new MeteredTokenResolver(cache, metrics)
                                : TokenResolver.aclsDisabled();
                        Runnable invalidate = cache != null ? cache::invalidate : () -> { };
                        DatacenterForwarder forwarder = new DatacenterForwarder(cluster.datacenters(),
                                agentTokens.supplier(AgentTokenKind.DEFAULT));
                        Supplier<String> replicationToken = agentTokens.supplier(AgentTokenKind.REPLICATION);
                        AclFederation federation = new AclFederation(forwarder, resolved.server(),
                                () -> acl.enableTokenReplication()
                                && !replicationToken.get().isEmpty());
                        AclEndpointConfig aclEndpoints = new AclEndpointConfig(acl.enabled(), resolved.datacenter(),
                                resolved.nodeName(), acl.defaultPolicy().word(), acl.downPolicy().word(), federation);
                        AclBootstrapEndpoint bootstrap = new AclBootstrapEndpoint(aclEndpoints, replication,
                                new BootstrapResetFile(dir.path()), invalidate);
                        AclTokenEndpoints aclTokens = new AclTokenEndpoints(aclEndpoints, replication,
                                cluster.leadership(), agentTokens.supplier(AgentTokenKind.DEFAULT), invalidate);
                        AclPolicyEndpoints policies = new AclPolicyEndpoints(aclEndpoints, replication,
                                cluster.leadership(), invalidate);
                        LogStream logs = new LogStream(resolved.nodeName());
                        AgentTokenEndpoints tokenUpdates = new AgentTokenEndpoints(resolved.nodeName(),
                                acl.enabled(), agentTokens);
                        HttpApiServer http = new HttpApiServer(httpConfig, Routes.table(endpoints, pools,
                                bootstrap, aclTokens, policies, tokenUpdates, new ReloadEndpoint(control, blocking),
                                new MaintenanceEndpoints(resolved.nodeName(), maintenance, resolver),
                                new MonitorEndpoint(logs), new MetricsEndpoints(metrics),
                                new AclReplicationEndpoints(aclEndpoints, replication, cluster.leadership(),
                                        cluster::aclReplicationStatus)),
                                resolver, resolved.nodeName(), acl.defaultPolicy().word(), metrics, forwarder);
                        cluster.datacenters().serve(http::dispatch);
                        return http.start()
                                .thenApply(h -> new Agent(resolved, dir, cluster, h, resolver, agentTokens, blocking,
                                        new Reloadable(source, listeners, endpoints, debugView), logs, metrics,
                                        timeline))
                                .whenComplete((a, e) -> {
                                    if (a != null) {
                                        self.complete(a);
                                    }
                                })
                                .whenComplete((a, e) -> {
                                    if (e != null) {
                                        cluster.stop();
                                    }
                                });
                    })
                    .whenComplete((a, e) -> {
                        if (e != null) {
                            blocking.shutdownNow();
                            metrics.close();
                            if (timeline != null) {
                                timeline.close();
                            }
                            dir.release();
                        } else {
                            log.info("{}: agent started; HTTP API at {}", a.nodeName(), a.httpAddress());
                        }
                    });
        }

        /**
         * Token resolution over the datacenter's ACL state: a server reads its own replica on every request; a
         * client agent reuses what its servers answered for {@code acl.token_ttl}, and follows
         * {@code acl.down_policy} when none answers.
         */
        private static CachingTokenResolver resolver(AgentConfig c, AgentCluster cluster, AgentTokens tokens) {
            AclConfig acl = c.acl();
            ResolverConfig rc = new ResolverConfig(c.nodeName(), c.datacenter(), acl.defaultPolicy(),
                    acl.downPolicy(), c.server() ? Duration.ZERO : acl.tokenTtl(),
                    tokens.supplier(AgentTokenKind.DEFAULT), tokens.supplier(AgentTokenKind.AGENT_RECOVERY));
            return new CachingTokenResolver(rc, () -> cluster.acl().read(AclReplication.Consistency.STALE));
        }

        private static java.util.concurrent.ThreadFactory daemonThreads(String node) {
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, "attache-blocking-" + node + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
    }
}
