package dev.attache.acl;

import dev.attache.acl.rules.Rules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides checks from the merged rules of a token's policies (consul-behavior.md §6.2). Rules for the same
 * resource, name and kind (exact or prefix) merge to the highest precedence: deny, then write, list, read. For a
 * named resource an exact rule wins over every prefix rule, else the longest matching prefix decides. No rule →
 * {@link Decision#DEFAULT}. Immutable and thread-safe; a check is a hash lookup plus a scan of that resource's
 * prefixes, longest first, without allocation.
 */
public final class PolicyAuthorizer implements Authorizer {
    private final Map<Resource, AccessLevel> global = new EnumMap<>(Resource.class);
    private final Map<Resource, Map<String, AccessLevel>> exact = new EnumMap<>(Resource.class);
    private final Map<Resource, Prefix[]> prefixes = new EnumMap<>(Resource.class);

    private record Prefix(String prefix, AccessLevel level) {
    }

    private PolicyAuthorizer(List<Rules> policies) {
        Map<Resource, Map<String, AccessLevel>> prefixTables = new EnumMap<>(Resource.class);
        for (Rules rules : policies) {
            for (Rules.Rule r : rules.rules()) {
                if (!r.resource().named()) {
                    global.merge(r.resource(), r.level(), PolicyAuthorizer::stronger);
                } else {
                    (r.prefix() ? prefixTables : exact).computeIfAbsent(r.resource(), k -> new HashMap<>())
                            .merge(r.name(), r.level(), PolicyAuthorizer::stronger);
                }
            }
        }
        prefixTables.forEach((resource, table) -> {
            List<Prefix> list = new ArrayList<>();
            table.forEach((p, level) -> list.add(new Prefix(p, level)));
            list.sort(Comparator.comparingInt((Prefix p) -> p.prefix().length()).reversed());
            prefixes.put(resource, list.toArray(Prefix[]::new));
        });
    }

    /** An authorizer over the union of these policies' rules. */
    public static PolicyAuthorizer of(List<Rules> policies) {
        return new PolicyAuthorizer(policies);
    }

    @Override
    public Decision check(Resource resource, AccessLevel level, String name) {
        AccessLevel granted = resource.named() ? match(resource, name == null ? "" : name) : global.get(resource);
        if (granted == null) {
            return Decision.DEFAULT;
        }
        return granted.satisfies(level) ? Decision.ALLOW : Decision.DENY;
    }

    private AccessLevel match(Resource resource, String name) {
        Map<String, AccessLevel> e = exact.get(resource);
        if (e != null) {
            AccessLevel level = e.get(name);
            if (level != null) {
                return level;
            }
        }
        Prefix[] ps = prefixes.get(resource);
        if (ps != null) {
            for (Prefix p : ps) {
                if (name.startsWith(p.prefix())) {
                    return p.level();
                }
            }
        }
        return null;
    }

    /** Consul's {@code takesPrecedenceOver}: deny, then write, then list, then read. */
    static AccessLevel stronger(AccessLevel a, AccessLevel b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(AccessLevel l) {
        return switch (l) {
            case DENY -> 3;
            case WRITE -> 2;
            case LIST -> 1;
            case READ -> 0;
        };
    }
}
