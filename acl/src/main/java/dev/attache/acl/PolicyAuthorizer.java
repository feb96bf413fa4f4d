package dev.attache.acl;

import dev.attache.acl.rules.Rules;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides checks from the merged rules of a token's policies (consul-behavior.md §6.2).
 *
 * <ul>
 *   <li>Merging: rules for the same resource, name and kind (exact or prefix) keep the highest precedence level
 *       (deny, then write, list, read); exact and prefix rules stay apart. A service rule's intentions level, when
 *       no policy wrote one, is derived after merging from the merged service level ({@code read} or
 *       {@code write} give {@code read}, else {@code deny}), as Consul's {@code loadRules} does.</li>
 *   <li>Matching a named resource: an exact rule for the whole name wins over every prefix rule; otherwise the
 *       longest matching prefix decides. Global resources ignore the name.</li>
 *   <li>Levels: {@code write} allows read, list and write; {@code list} allows read and list; {@code read} allows
 *       read; {@code deny} denies. No rule → {@link Decision#DEFAULT}.</li>
 * </ul>
 *
 * Each named resource's rules sit in a character trie (Consul walks a radix tree the same way): a check walks the
 * name once, remembering the last prefix rule passed, and takes the exact rule if the walk ends on one. No
 * allocation, no scan over all prefixes. Immutable and thread-safe.
 */
public final class PolicyAuthorizer implements Authorizer {
    private static final Resource[] RESOURCES = Resource.values();

    /** By {@link Resource#ordinal()}: the global level (null: no rule). */
    private final AccessLevel[] global = new AccessLevel[RESOURCES.length];
    /** By {@link Resource#ordinal()}: the trie of a named resource's rules (null: no rule). */
    private final Trie[] named = new Trie[RESOURCES.length];

    private PolicyAuthorizer(Rules merged) {
        merged.global().forEach((r, level) -> global[r.ordinal()] = level);
        for (Resource r : RESOURCES) {
            if (!r.named()) {
                continue;
            }
            Map<String, AccessLevel> exact = merged.exact(r);
            Map<String, AccessLevel> prefix = merged.prefix(r);
            if (r == Resource.INTENTION) {
                exact = intentions(merged.exact(Resource.SERVICE), exact);
                prefix = intentions(merged.prefix(Resource.SERVICE), prefix);
            }
            if (!exact.isEmpty() || !prefix.isEmpty()) {
                named[r.ordinal()] = Trie.of(exact, prefix);
            }
        }
    }

    /** An authorizer over the union of these policies' rules. */
    public static PolicyAuthorizer of(List<Rules> policies) {
        Rules.Builder merged = Rules.builder();
        for (Rules rules : policies) {
            merged.add(rules);
        }
        return new PolicyAuthorizer(merged.build());
    }

    @Override
    public Decision check(Resource resource, AccessLevel level, String name) {
        AccessLevel granted;
        if (resource.named()) {
            Trie trie = named[resource.ordinal()];
            granted = trie == null ? null : trie.match(name == null ? "" : name);
        } else {
            granted = global[resource.ordinal()];
        }
        if (granted == null) {
            return Decision.DEFAULT;
        }
        return granted.satisfies(level) ? Decision.ALLOW : Decision.DENY;
    }

    /** Explicit intentions, plus the level derived from each service rule that wrote none. */
    private static Map<String, AccessLevel> intentions(Map<String, AccessLevel> services,
                                                       Map<String, AccessLevel> explicit) {
        if (services.isEmpty()) {
            return explicit;
        }
        Map<String, AccessLevel> out = new HashMap<>(explicit);
        services.forEach((name, level) -> out.computeIfAbsent(name,
                n -> level == AccessLevel.READ || level == AccessLevel.WRITE ? AccessLevel.READ : AccessLevel.DENY));
        return out;
    }

    /** A character trie over one resource's exact and prefix rules, frozen into arrays. */
    private static final class Trie {
        private final char[] labels;      // sorted; labels[i] leads to children[i]
        private final Trie[] children;
        private final AccessLevel exact;  // the exact rule for the path to here
        private final AccessLevel prefix; // the prefix rule for the path to here

        private Trie(char[] labels, Trie[] children, AccessLevel exact, AccessLevel prefix) {
            this.labels = labels;
            this.children = children;
            this.exact = exact;
            this.prefix = prefix;
        }

        static Trie of(Map<String, AccessLevel> exact, Map<String, AccessLevel> prefix) {
            Node root = new Node();
            exact.forEach((name, level) -> root.descend(name).exact = level);
            prefix.forEach((name, level) -> root.descend(name).prefix = level);
            return root.freeze();
        }

        AccessLevel match(String name) {
            Trie node = this;
            AccessLevel best = prefix;
            int n = name.length();
            for (int i = 0; i < n; i++) {
                node = node.child(name.charAt(i));
                if (node == null) {
                    return best;
                }
                if (node.prefix != null) {
                    best = node.prefix;
                }
            }
            return node.exact != null ? node.exact : best;
        }

        private Trie child(char c) {
            char[] ls = labels;
            if (ls.length <= 8) {
                for (int i = 0; i < ls.length; i++) {
                    if (ls[i] == c) {
                        return children[i];
                    }
                }
                return null;
            }
            int i = Arrays.binarySearch(ls, c);
            return i >= 0 ? children[i] : null;
        }
    }

    /** The mutable trie while it is built. */
    private static final class Node {
        private final TreeMap<Character, Node> children = new TreeMap<>();
        private AccessLevel exact;
        private AccessLevel prefix;

        Node descend(String path) {
            Node node = this;
            for (int i = 0; i < path.length(); i++) {
                node = node.children.computeIfAbsent(path.charAt(i), c -> new Node());
            }
            return node;
        }

        Trie freeze() {
            char[] labels = new char[children.size()];
            Trie[] frozen = new Trie[children.size()];
            int i = 0;
            for (Map.Entry<Character, Node> e : children.entrySet()) {
                labels[i] = e.getKey();
                frozen[i] = e.getValue().freeze();
                i++;
            }
            return new Trie(labels, frozen, exact, prefix);
        }
    }
}
