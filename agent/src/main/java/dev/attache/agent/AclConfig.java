package dev.attache.agent;

import dev.attache.acl.DefaultPolicy;
import dev.attache.acl.DownPolicy;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Consul's {@code acl} block. {@link #toString()} never shows a token.
 *
 * @param enabled                ACLs on (default off: every request may do everything, as in Consul)
 * @param defaultPolicy          what a request gets when no rule decides: {@code allow} (default) or {@code deny}
 * @param downPolicy             what a client agent does when no server answers: {@code allow}, {@code deny},
 *                               {@code extend-cache} (default) or {@code async-cache}
 * @param enableTokenPersistence persist tokens set through {@code /v1/agent/token/*}
 * @param tokenTtl               how long a client agent reuses the servers' ACL state (default 30 s)
 * @param tokens                 the agent's configured tokens
 */
public record AclConfig(boolean enabled, DefaultPolicy defaultPolicy, DownPolicy downPolicy,
                        boolean enableTokenPersistence, Duration tokenTtl, Tokens tokens,
                        boolean enableTokenReplication) {

    /** Without {@code enable_token_replication} (its default). */
    public AclConfig(boolean enabled, DefaultPolicy defaultPolicy, DownPolicy downPolicy,
                     boolean enableTokenPersistence, Duration tokenTtl, Tokens tokens) {
        this(enabled, defaultPolicy, downPolicy, enableTokenPersistence, tokenTtl, tokens, false);
    }

    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofSeconds(30);
    public static final AclConfig DISABLED = new AclConfig(false, null, null, false, null, null);

    /** The {@code acl.tokens} block; absent tokens are "". */
    public record Tokens(String initialManagement, String defaultToken, String agent, String agentRecovery,
                         String replication, String configFileServiceRegistration, String dns) {
        public static final Tokens NONE = new Tokens("", "", "", "", "", "", "");

        public Tokens {
            // no call into AclConfig here: its DISABLED constant needs this class initialized first
            initialManagement = Objects.requireNonNullElse(initialManagement, "");
            defaultToken = Objects.requireNonNullElse(defaultToken, "");
            agent = Objects.requireNonNullElse(agent, "");
            agentRecovery = Objects.requireNonNullElse(agentRecovery, "");
            replication = Objects.requireNonNullElse(replication, "");
            configFileServiceRegistration = Objects.requireNonNullElse(configFileServiceRegistration, "");
            dns = Objects.requireNonNullElse(dns, "");
        }

        /** Only an initial management token: what a lab or a test usually needs. */
        public static Tokens initialManagement(String secret) {
            return new Tokens(secret, "", "", "", "", "", "");
        }

        @Override
        public String toString() {
            return "Tokens[<hidden>]";
        }
    }

    public AclConfig {
        defaultPolicy = defaultPolicy == null ? DefaultPolicy.ALLOW : defaultPolicy;
        downPolicy = downPolicy == null ? DownPolicy.EXTEND_CACHE : downPolicy;
        tokenTtl = tokenTtl == null ? DEFAULT_TOKEN_TTL : tokenTtl;
        tokens = tokens == null ? Tokens.NONE : tokens;
    }

    /** ACLs on with this default policy and initial management token (embedding and tests). */
    public static AclConfig enabled(DefaultPolicy defaultPolicy, String initialManagementToken) {
        return new AclConfig(true, defaultPolicy, null, false, null, Tokens.initialManagement(initialManagementToken));
    }

    /** {@code acl.default_policy}; anything else refuses to start, as in Consul. */
    public static DefaultPolicy parseDefaultPolicy(String v) {
        for (DefaultPolicy p : DefaultPolicy.values()) {
            if (p.word().equals(v.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new ConfigException("Unsupported default ACL policy: " + v);
    }

    /** {@code acl.down_policy}; anything else refuses to start, as in Consul. */
    public static DownPolicy parseDownPolicy(String v) {
        for (DownPolicy p : DownPolicy.values()) {
            if (p.word().equals(v)) {
                return p;
            }
        }
        throw new ConfigException("Unsupported down ACL policy: " + v);
    }

}
