package dev.attache.acl.resolve;

import dev.attache.acl.DefaultPolicy;
import dev.attache.acl.DownPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What token resolution needs of the agent.
 *
 * @param nodeName           this agent's node, for the agent recovery token's rules
 * @param datacenter         this agent's datacenter: policies (and identities) limited to others do not apply
 * @param defaultPolicy      the end of every authorizer chain
 * @param downPolicy         what to do while the state cannot be had
 * @param stateTtl           how long a state snapshot is reused before asking again; zero asks on every resolve
 *                           (servers, whose source is their own replica), positive on client agents
 *                           ({@code acl.token_ttl})
 * @param defaultToken       the agent's default token ({@code acl.tokens.default}), for requests without one
 * @param agentRecoveryToken the agent recovery token ({@code acl.tokens.agent_recovery}), resolved locally
 */
public record ResolverConfig(String nodeName, String datacenter, DefaultPolicy defaultPolicy, DownPolicy downPolicy,
                             Duration stateTtl, Supplier<String> defaultToken,
                             Supplier<String> agentRecoveryToken) {
    public ResolverConfig {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(datacenter, "datacenter");
        defaultPolicy = defaultPolicy == null ? DefaultPolicy.ALLOW : defaultPolicy;
        downPolicy = downPolicy == null ? DownPolicy.EXTEND_CACHE : downPolicy;
        stateTtl = stateTtl == null ? Duration.ZERO : stateTtl;
        defaultToken = defaultToken == null ? () -> "" : defaultToken;
        agentRecoveryToken = agentRecoveryToken == null ? () -> "" : agentRecoveryToken;
    }
}
