package dev.attache.acl;

/** The outcome of one authorizer layer: allow, deny, or no opinion (the next layer decides). */
public enum Decision {
    ALLOW, DENY, DEFAULT
}
