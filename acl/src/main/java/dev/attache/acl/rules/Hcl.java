package dev.attache.acl.rules;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.util.Map;

/**
 * HCL text into a value map, with hcl4j, after {@link HclShape} has checked the text is well formed (hcl4j alone
 * skips what it cannot read). Blocks become nested maps ({@code node "a" {...}} → {@code node → a → {...}}), a
 * block repeated under one name becomes a list, numbers are {@link Double}. Used for policy rules and for the
 * agent's {@code .hcl} configuration files.
 */
public final class Hcl {
    private Hcl() {
    }

    /** @throws IllegalArgumentException with an {@code At line:col: reason} message when the text is not HCL */
    public static Map<String, Object> parse(String text) {
        HclShape.check(text);
        try {
            return new HCLParser().parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }
}
