package dev.attache.acl;

/** Decides permission checks. A check is data: resource, level and (for named resources) the name. */
@FunctionalInterface
public interface Authorizer {

    /** The decision for one check; {@link Decision#DEFAULT} when this authorizer has no opinion. */
    Decision check(Resource resource, AccessLevel level, String name);

    /** True when the check is allowed. A {@link Decision#DEFAULT} at the top of a chain is a denial. */
    default boolean allows(Resource resource, AccessLevel level, String name) {
        return check(resource, level, name) == Decision.ALLOW;
    }
}
