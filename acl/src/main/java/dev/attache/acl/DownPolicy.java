package dev.attache.acl;

import java.util.Locale;

/** {@code acl.down_policy}: how an agent authorizes while it cannot reach the ACL state (consul-behavior.md §9.4). */
public enum DownPolicy {
    /** Allow everything. */
    ALLOW,
    /** Deny everything. */
    DENY,
    /** Keep using the last state this agent had, past its TTL; tokens it never saw are unknown. */
    EXTEND_CACHE,
    /** As {@link #EXTEND_CACHE}, while a fresh state is fetched in the background. */
    ASYNC_CACHE;

    /** The configuration spelling ({@code extend-cache}, ...). */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
