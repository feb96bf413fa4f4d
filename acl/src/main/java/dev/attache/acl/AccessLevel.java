package dev.attache.acl;

import java.util.Locale;

/** How much a rule grants, ordered: {@code DENY < READ < LIST < WRITE}. Spelled as in Consul's rules. */
public enum AccessLevel {
    DENY, READ, LIST, WRITE;

    /** The rules-language and error-message spelling ({@code "read"}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when a grant at this level satisfies a request for {@code requested}. */
    public boolean satisfies(AccessLevel requested) {
        return requested != DENY && compareTo(requested) >= 0;
    }
}
