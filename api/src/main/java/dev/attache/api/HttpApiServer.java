package dev.attache.api;

import dev.attache.acl.TokenResolver;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP API server of one agent. Owns its event loops; nothing is static, so many run in one JVM. */
public final class HttpApiServer {
    private static final Logger log = LoggerFactory.getLogger(HttpApiServer.class);

    private final HttpConfig config;
    private final String nodeName;
    private final HttpApiInitializer initializer;
    private final Dispatcher dispatcher; // null for the benchmark's bare server
    private EventLoopGroup boss;
    private volatile EventLoopGroup workers;
    private Channel channel;

    /**
     * @param defaultAclPolicy the value of {@code X-Consul-Default-ACL-Policy} ({@code allow} or {@code deny})
     */
    public HttpApiServer(HttpConfig config, RouteTable routes, TokenResolver tokens, String nodeName,
                         String defaultAclPolicy) {
        this(config, routes, tokens, nodeName, defaultAclPolicy, RequestObserver.NONE);
    }

    /** @param observer told of every routed request and how long its handler took (the agent's HTTP metrics) */
    public HttpApiServer(HttpConfig config, RouteTable routes, TokenResolver tokens, String nodeName,
                         String defaultAclPolicy, RequestObserver observer) {
        this(config, routes, tokens, nodeName, defaultAclPolicy, observer, null);
    }

    /**
     * @param forwarder where requests of datacenter-scoped routes naming another datacenter ({@code ?dc=}) go; null
     *                  when there is no other datacenter to reach
     */
    public HttpApiServer(HttpConfig config, RouteTable routes, TokenResolver tokens, String nodeName,
                         String defaultAclPolicy, RequestObserver observer, DatacenterForwarder forwarder) {
        this(config, nodeName, new ResponseWriter(defaultAclPolicy, config.responseHeaders()),
                writer -> new Dispatcher(routes, tokens, nodeName, writer, observer, forwarder));
    }

    /** The same server with another last handler in the pipeline (the HTTP benchmark's bare server). */
    HttpApiServer(HttpConfig config, String nodeName, ResponseWriter writer,
                  java.util.function.Function<ResponseWriter, io.netty.channel.ChannelHandler> last) {
        this.config = config;
        this.nodeName = nodeName;
        io.netty.channel.ChannelHandler handler = last.apply(writer);
        this.dispatcher = handler instanceof Dispatcher d ? d : null;
        this.initializer = new HttpApiInitializer(handler, writer, config.maxRequestBodyBytes());
    }

    /**
     * Serves a request forwarded from another agent (another datacenter's {@code ?dc=}, or a client agent's request
     * on its way to another datacenter) through this server's routes, as if it had come on a connection.
     */
    public CompletableFuture<dev.attache.cluster.ForwardedResponse> dispatch(
            dev.attache.cluster.ForwardedRequest request) {
        EventLoopGroup w = workers;
        if (dispatcher == null || w == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the HTTP API is not running"));
        }
        return dispatcher.call(request, w.next());
    }

    /** Binds the port; fails with {@link BindFailedException} when it cannot. */
    public synchronized CompletableFuture<HttpApiServer> start() {
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("attache-http-accept-" + nodeName, true));
        workers = new NioEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("attache-http-" + nodeName, true));
        CompletableFuture<HttpApiServer> started = new CompletableFuture<>();
        new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(config.bindAddress(), config.port())
                .addListener(f -> {
                    if (f.isSuccess()) {
                        channel = ((io.netty.channel.ChannelFuture) f).channel();
                        log.info("{}: HTTP API listening on {}:{}", nodeName, config.bindAddress(), port());
                        started.complete(this);
                    } else {
                        shutdownGroups();
                        started.completeExceptionally(new BindFailedException("HTTP", config.bindAddress(),
                                config.port(), f.cause()));
                    }
                });
        return started;
    }

    /** The port actually bound. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public String bindAddress() {
        return config.bindAddress();
    }

    public synchronized CompletableFuture<Void> stop() {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        if (channel != null) {
            channel.close().addListener(f -> stopped.complete(null));
        } else {
            stopped.complete(null);
        }
        return stopped.thenCompose(v -> shutdownGroups());
    }

    private CompletableFuture<Void> shutdownGroups() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (workers == null) {
            done.complete(null);
            return done;
        }
        EventLoopGroup w = workers;
        EventLoopGroup b = boss;
        b.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        w.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> done.complete(null));
        return done;
    }
}
