package dev.attache.acl;

import java.util.Locale;

/** {@code acl.default_policy}: what a check no rule decides gets. */
public enum DefaultPolicy {
    ALLOW, DENY;

    /** The configuration and header spelling ({@code allow}, {@code deny}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The last authorizer of every chain under this policy. */
    public Authorizer authorizer() {
        return this == ALLOW ? Authorizers.defaultAllow() : Authorizers.defaultDeny();
    }
}
