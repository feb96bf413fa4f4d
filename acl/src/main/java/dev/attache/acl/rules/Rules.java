package dev.attache.acl.rules;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.Resource;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one policy's rules grant (consul-behavior.md §6.1), parsed once and immutable.
 *
 * <ul>
 *   <li>{@code global}: the level of each global resource the rules name ({@code acl}, {@code operator},
 *       {@code keyring}, {@code mesh}, {@code peering});</li>
 *   <li>{@code exact} and {@code prefix}: for each named resource ({@code agent}, {@code node}, {@code service},
 *       {@code key}, {@code session}, {@code event}, {@code query}), name → level, exact rules apart from
 *       prefix rules.</li>
 * </ul>
 *
 * A service rule's {@code intentions} level is kept under {@link Resource#INTENTION}, in the same exact or prefix
 * map, <em>only when the rule wrote it</em>. When it is absent Consul derives it from the service level after
 * merging every policy of a token ({@code read}/{@code write} give {@code read}, else {@code deny}); that is
 * {@link dev.attache.acl.PolicyAuthorizer}'s job, so that merging stays Consul's.
 *
 * <p>Resources absent from a map have no rule. The maps are unmodifiable; a {@link Builder} merges repeated rules
 * for one resource, name and kind by precedence (deny, then write, list, read), as Consul merges them.
 */
public record Rules(Map<Resource, AccessLevel> global,
                    Map<Resource, Map<String, AccessLevel>> exact,
                    Map<Resource, Map<String, AccessLevel>> prefix) {

    public static final Rules EMPTY = new Rules(Map.of(), Map.of(), Map.of());

    public Rules {
        global = Map.copyOf(global);
        exact = copy(exact);
        prefix = copy(prefix);
        for (Resource r : global.keySet()) {
            if (r.named()) {
                throw new IllegalArgumentException(r.word() + " is a named resource, not a global one");
            }
        }
        for (Resource r : exact.keySet()) {
            requireNamed(r);
        }
        for (Resource r : prefix.keySet()) {
            requireNamed(r);
        }
    }

    /** The level the rules give a global resource, or null when they say nothing about it. */
    public AccessLevel global(Resource resource) {
        return global.get(resource);
    }

    /** The exact rules of a named resource: name → level (empty when none). */
    public Map<String, AccessLevel> exact(Resource resource) {
        return exact.getOrDefault(resource, Map.of());
    }

    /** The prefix rules of a named resource: prefix → level (empty when none). */
    public Map<String, AccessLevel> prefix(Resource resource) {
        return prefix.getOrDefault(resource, Map.of());
    }

    public boolean isEmpty() {
        return global.isEmpty() && exact.isEmpty() && prefix.isEmpty();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Consul's {@code takesPrecedenceOver}: the level that wins when two rules name the same resource, name and
     * kind. Deny beats write, write beats list, list beats read.
     */
    public static AccessLevel stronger(AccessLevel a, AccessLevel b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(AccessLevel level) {
        return switch (level) {
            case DENY -> 3;
            case WRITE -> 2;
            case LIST -> 1;
            case READ -> 0;
        };
    }

    private static void requireNamed(Resource r) {
        if (!r.named()) {
            throw new IllegalArgumentException(r.word() + " is a global resource and takes no name");
        }
    }

    private static Map<Resource, Map<String, AccessLevel>> copy(Map<Resource, Map<String, AccessLevel>> m) {
        Map<Resource, Map<String, AccessLevel>> out = new EnumMap<>(Resource.class);
        m.forEach((r, names) -> {
            if (!names.isEmpty()) {
                out.put(r, Map.copyOf(names));
            }
        });
        return Map.copyOf(out);
    }

    /** Collects rules, merging repeats by {@link #stronger precedence}. Not thread-safe. */
    public static final class Builder {
        private final Map<Resource, AccessLevel> global = new EnumMap<>(Resource.class);
        private final Map<Resource, Map<String, AccessLevel>> exact = new EnumMap<>(Resource.class);
        private final Map<Resource, Map<String, AccessLevel>> prefix = new EnumMap<>(Resource.class);

        private Builder() {
        }

        /** A global rule ({@code acl = "write"}). */
        public Builder global(Resource resource, AccessLevel level) {
            Objects.requireNonNull(level, "level");
            if (resource.named()) {
                throw new IllegalArgumentException(resource.word() + " is a named resource, not a global one");
            }
            global.merge(resource, level, Rules::stronger);
            return this;
        }

        /** An exact rule ({@code node "db" { policy = "read" }}). */
        public Builder exact(Resource resource, String name, AccessLevel level) {
            return named(exact, resource, name, level);
        }

        /** A prefix rule ({@code node_prefix "" { policy = "read" }}). */
        public Builder prefix(Resource resource, String prefix, AccessLevel level) {
            return named(this.prefix, resource, prefix, level);
        }

        /** Every rule of {@code other}, merged into these. */
        public Builder add(Rules other) {
            other.global().forEach(this::global);
            other.exact().forEach((r, names) -> names.forEach((n, l) -> exact(r, n, l)));
            other.prefix().forEach((r, names) -> names.forEach((n, l) -> prefix(r, n, l)));
            return this;
        }

        private Builder named(Map<Resource, Map<String, AccessLevel>> table, Resource resource, String name,
                              AccessLevel level) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(level, "level");
            requireNamed(resource);
            table.computeIfAbsent(resource, r -> new HashMap<>()).merge(name, level, Rules::stronger);
            return this;
        }

        public Rules build() {
            return global.isEmpty() && exact.isEmpty() && prefix.isEmpty() ? EMPTY : new Rules(global, exact, prefix);
        }
    }
}
