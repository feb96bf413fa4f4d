package dev.attache.agent.metrics;

import com.codahale.metrics.Timer;
import dev.attache.acl.AclIdentity;
import dev.attache.acl.TokenResolver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Token resolution, timed as Consul's {@code acl.ResolveToken}. */
public final class MeteredTokenResolver implements TokenResolver {
    private final TokenResolver delegate;
    private final Timer timer;

    public MeteredTokenResolver(TokenResolver delegate, AgentMetrics metrics) {
        this.delegate = delegate;
        this.timer = metrics.timer("acl.ResolveToken");
    }

    @Override
    public CompletableFuture<AclIdentity> resolve(String secretId) {
        long start = System.nanoTime();
        CompletableFuture<AclIdentity> f = delegate.resolve(secretId);
        if (f.isDone()) { // a cached answer: no callback to allocate
            timer.update(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return f;
        }
        return f.whenComplete((identity, error) -> timer.update(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }
}
