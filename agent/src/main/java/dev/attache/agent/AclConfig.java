package dev.attache.agent;

import java.time.Duration;
import java.util.Locale;

/**
 * Consul's {@code acl} block. {@link #toString()} never shows a token.
 *
 * @param enabled                ACLs on (default off: every request may do everything, as in Consul)
 * @param defaultPolicy          what a request gets when no rule decides: {@code allow} (default) or {@code deny}
 * @param downPolicy             what a client agent does when no server answers: {@code allow}, {@code deny},
 *                               {@code extend-cache} (default) or {@code async-cache}
 * @param enableTokenPersistence persist tokens set through {@code /v1/agent/token/*}
 * @param tokenTtl               how long a client agent caches a resolved token (default 30 s)
 * @param tokens                 the agent's configured tokens
 */
public record AclConfig(boolean enabled, Policy defaultPolicy, DownPolicy downPolicy, boolean enableTokenPersistence,
                        Duration tokenTtl, Tokens tokens) {

    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofSeconds(30);
    public static final AclConfig DISABLED = new AclConfig(false, null, null, false, null, null);

    public enum Policy {
        ALLOW, DENY;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Policy parse(String v) {
            try {
                return valueOf(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("Unsupported default ACL policy: " + v);
            }
        }
    }

    public enum DownPolicy {
        ALLOW, DENY, EXTEND_CACHE, ASYNC_CACHE;

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static DownPolicy parse(String v) {
            for (DownPolicy p : values()) {
                if (p.word().equals(v)) {
                    return p;
                }
            }
            throw new ConfigException("Unsupported down ACL policy: " + v);
        }
    }

    /** The {@code acl.tokens} block; absent tokens are "". */
    public record Tokens(String initialManagement, String defaultToken, String agent, String agentRecovery,
                         String replication, String configFileServiceRegistration, String dns) {
        public static final Tokens NONE = new Tokens("", "", "", "", "", "", "");

        public Tokens {
            initialManagement = nonNull(initialManagement);
            defaultToken = nonNull(defaultToken);
            agent = nonNull(agent);
            agentRecovery = nonNull(agentRecovery);
            replication = nonNull(replication);
            configFileServiceRegistration = nonNull(configFileServiceRegistration);
            dns = nonNull(dns);
        }

        @Override
        public String toString() {
            return "Tokens[<hidden>]";
        }
    }

    public AclConfig {
        defaultPolicy = defaultPolicy == null ? Policy.ALLOW : defaultPolicy;
        downPolicy = downPolicy == null ? DownPolicy.EXTEND_CACHE : downPolicy;
        tokenTtl = tokenTtl == null ? DEFAULT_TOKEN_TTL : tokenTtl;
        tokens = tokens == null ? Tokens.NONE : tokens;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
