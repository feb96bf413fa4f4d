package dev.attache.acl;

import java.util.Locale;

/** The resource kinds of Consul's rules language. */
public enum Resource {
    ACL(false), AGENT(true), EVENT(true), INTENTION(true), KEY(true), KEYRING(false),
    NODE(true), OPERATOR(false), MESH(false), QUERY(true), SERVICE(true), SESSION(true), PEERING(false);

    private final boolean named;

    Resource(boolean named) {
        this.named = named;
    }

    /** True for resources whose rules name a segment ({@code node "web1" {...}}); false for global ones. */
    public boolean named() {
        return named;
    }

    /** The rules-language and error-message spelling ({@code "agent"}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
