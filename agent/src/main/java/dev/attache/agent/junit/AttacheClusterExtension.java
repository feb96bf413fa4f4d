package dev.attache.agent.junit;

import dev.attache.agent.Agent;
import dev.attache.agent.AgentConfig;
import dev.attache.agent.local.LocalCluster;
import dev.attache.cluster.GossipConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs an in-process Attaché cluster ({@link LocalCluster}) for a service's own tests.
 *
 * <pre>{@code
 * @RegisterExtension
 * static AttacheClusterExtension cluster = AttacheClusterExtension.servers(3).clients(2).build();
 *
 * @Test
 * void seesEveryone() {
 *     assertThat(cluster.agent("dc1-c1").membership().members()).hasSize(5);
 *     String consul = cluster.httpAddress("dc1-s1");   // for a Consul client library
 * }
 * }</pre>
 *
 * In a static field the cluster starts once before all tests of the class and stops after them; in an instance
 * field, around each test. It is started, then awaited until {@linkplain LocalCluster#awaitConverged converged}
 * (every agent sees every other alive, Raft has a leader). Faults are the {@link #cluster()}'s.
 */
public final class AttacheClusterExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final Builder settings;
    private LocalCluster cluster;
    private boolean perTest;

    private AttacheClusterExtension(Builder settings) {
        this.settings = settings;
    }

    /** A cluster with {@code n} servers per datacenter. */
    public static Builder servers(int n) {
        return new Builder().servers(n);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (cluster == null) {
            perTest = true;
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    private void start() {
        LocalCluster started = settings.cluster.start();
        try {
            started.awaitConverged(settings.convergeTimeout);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        cluster = started;
    }

    private void stop() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** The running cluster, for faults and convergence. */
    public LocalCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("the cluster is not running (is the extension registered with "
                    + "@RegisterExtension, and is this called from a test?)");
        }
        return cluster;
    }

    /** The running agent of that name ({@code dc1-s1}, {@code dc1-c2}, ...). */
    public Agent agent(String name) {
        return cluster().agent(name);
    }

    /** The running agents. */
    public List<Agent> agents() {
        return cluster().agents();
    }

    /** {@code http://127.0.0.1:port} of that agent's HTTP API, for a Consul client or plain HTTP. */
    public String httpAddress(String name) {
        return cluster().httpAddress(name);
    }

    /** Waits until the cluster is converged again, within the builder's timeout. */
    public void awaitConverged() {
        cluster().awaitConverged(settings.convergeTimeout);
    }

    /** Sizes and settings (those of {@link LocalCluster.Builder}); {@link #build()} makes the extension. */
    public static final class Builder {
        private final LocalCluster.Builder cluster = LocalCluster.builder();
        private Duration convergeTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        public Builder servers(int n) {
            cluster.servers(n);
            return this;
        }

        public Builder clients(int n) {
            cluster.clients(n);
            return this;
        }

        public Builder datacenters(int n) {
            cluster.datacenters(n);
            return this;
        }

        /** Gossip timing; default {@link GossipConfig#FAST}. */
        public Builder gossip(GossipConfig timing) {
            cluster.gossip(timing);
            return this;
        }

        /** How long the start (and {@link AttacheClusterExtension#awaitConverged()}) may take to converge; 60 s. */
        public Builder convergeTimeout(Duration timeout) {
            convergeTimeout = timeout;
            return this;
        }

        /** Changes each agent's configuration before it starts (ACLs, node metadata, ...). */
        public Builder configure(BiConsumer<String, AgentConfig.Builder> change) {
            cluster.configure(change);
            return this;
        }

        public AttacheClusterExtension build() {
            return new AttacheClusterExtension(this);
        }
    }
}
