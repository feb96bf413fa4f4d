package dev.attache.acl.rules;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.Resource;
import java.util.List;
import java.util.Objects;

/**
 * What one policy's rules grant, as a flat list: each entry is a resource, a name (exact or prefix) and a level.
 * Global resources ({@code acl}, {@code operator}, {@code keyring}, {@code mesh}, {@code peering}) have the name ""
 * and are not prefixes. A service rule's intentions level appears as a {@link Resource#INTENTION} entry on the same
 * name (derived from its policy when the rule names none, as Consul does).
 */
public record Rules(List<Rule> rules) {
    public static final Rules EMPTY = new Rules(List.of());

    /** One grant. */
    public record Rule(Resource resource, String name, boolean prefix, AccessLevel level) {
        public Rule {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(level, "level");
            name = name == null ? "" : name;
        }
    }

    public Rules {
        rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }
}
