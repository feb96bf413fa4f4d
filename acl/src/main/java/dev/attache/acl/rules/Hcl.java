package dev.attache.acl.rules;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HCL 1 text into a value map, with hcl4j, after {@link HclShape} has checked the text is well formed and put it in
 * a form hcl4j reads as HCL 1 means it (hcl4j alone skips what it cannot read and refuses some HCL 1). Blocks
 * become nested maps ({@code node "a" {...}} → {@code node → a → {...}}), a block repeated under one name becomes a
 * list, numbers are {@link Double}. Used for policy rules and for the agent's {@code .hcl} configuration files.
 */
public final class Hcl {
    private static final String HIDDEN = HclShape.PLACEHOLDER + "{";

    private Hcl() {
    }

    /** @throws IllegalArgumentException with an {@code At line:col: reason} message when the text is not HCL */
    public static Map<String, Object> parse(String text) {
        return parse(text, false);
    }

    /**
     * As {@link #parse(String)}; with {@code rejectDuplicates} an attribute set twice in one body is refused with
     * Consul's policy-decoder text ({@code The argument "acl" at 2:1 was already set. Each argument can only be
     * defined once}).
     */
    static Map<String, Object> parse(String text, boolean rejectDuplicates) {
        HclShape.Canonical canonical = HclShape.canonical(text, rejectDuplicates);
        Map<String, Object> parsed;
        try {
            parsed = new HCLParser().parse(canonical.text());
        } catch (Exception e) {
            throw new IllegalArgumentException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
        return canonical.placeholders() ? restore(parsed) : parsed;
    }

    /** Puts back the {@code ${} that {@link HclShape} hid from hcl4j's interpolation. */
    @SuppressWarnings("unchecked")
    private static <T> T restore(T value) {
        if (value instanceof String s) {
            return (T) s.replace(HIDDEN, "${");
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(restore((String) k), restore(v)));
            return (T) out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(restore(v)));
            return (T) out;
        }
        return value;
    }
}
