package dev.attache.acl.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.attache.acl.AccessLevel;
import dev.attache.acl.AclException;
import dev.attache.acl.Resource;
import dev.attache.acl.state.GoFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Consul's rules language, in its HCL and JSON forms (consul-behavior.md §6.1), into {@link Rules}. HCL goes
 * through {@link Hcl} (hcl4j behind {@link HclShape}), JSON through Jackson. Refusals are {@link AclException}
 * INVALID with Consul's texts: {@code Failed to parse ACL rules: <reason>} for syntax (an attribute set twice in
 * one body included, as Consul's {@code DecodeErrorOnDuplicates} refuses it), and
 * {@code Invalid <kind> policy: <Go %#v of the rule>} for levels, checked in Consul's order.
 *
 * <p>As Consul's HCL decoder does: keys match case-insensitively; keys it does not know are ignored (it decodes
 * into a struct and drops the rest); {@code identity} / {@code identity_prefix} blocks are accepted and dropped; a
 * block repeated for one name gives several rules, merged by precedence. Deterministic and thread-safe.
 */
public final class RulesParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A named rule kind: its key, resource, whether it is a prefix, and how Go prints its struct. */
    private enum Kind {
        AGENT("agent", Resource.AGENT, false, "AgentRule", "Node", false),
        AGENT_PREFIX("agent_prefix", Resource.AGENT, true, "AgentRule", "Node", false),
        KEY("key", Resource.KEY, false, "KeyRule", "Prefix", true),
        KEY_PREFIX("key_prefix", Resource.KEY, true, "KeyRule", "Prefix", true),
        NODE("node", Resource.NODE, false, "NodeRule", "Name", true),
        NODE_PREFIX("node_prefix", Resource.NODE, true, "NodeRule", "Name", true),
        SERVICE("service", Resource.SERVICE, false, "ServiceRule", "Name", true),
        SERVICE_PREFIX("service_prefix", Resource.SERVICE, true, "ServiceRule", "Name", true),
        SESSION("session", Resource.SESSION, false, "SessionRule", "Node", false),
        SESSION_PREFIX("session_prefix", Resource.SESSION, true, "SessionRule", "Node", false),
        EVENT("event", Resource.EVENT, false, "EventRule", "Event", false),
        EVENT_PREFIX("event_prefix", Resource.EVENT, true, "EventRule", "Event", false),
        QUERY("query", Resource.QUERY, false, "PreparedQueryRule", "Prefix", false),
        QUERY_PREFIX("query_prefix", Resource.QUERY, true, "PreparedQueryRule", "Prefix", false);

        final String key;
        final Resource resource;
        final boolean prefix;
        final String goType;
        final String goKeyField;
        final boolean enterprise;

        Kind(String key, Resource resource, boolean prefix, String goType, String goKeyField, boolean enterprise) {
            this.key = key;
            this.resource = resource;
            this.prefix = prefix;
            this.goType = goType;
            this.goKeyField = goKeyField;
            this.enterprise = enterprise;
        }

        String goValue(String name, String policy, String intentions) {
            StringBuilder sb = new StringBuilder("&acl.").append(goType).append('{')
                    .append(goKeyField).append(':').append(GoFormat.quote(name))
                    .append(", Policy:").append(GoFormat.quote(policy));
            if (resource == Resource.SERVICE) {
                sb.append(", Intentions:").append(GoFormat.quote(intentions));
            }
            if (enterprise) {
                sb.append(", EnterpriseRule:acl.EnterpriseRule{}");
            }
            return sb.append('}').toString();
        }
    }

    /** The global resources, in the order Consul validates them (acl first, the rest after the named kinds). */
    private static final List<Resource> GLOBALS_AFTER_NAMED =
            List.of(Resource.KEYRING, Resource.OPERATOR, Resource.MESH, Resource.PEERING);

    private RulesParser() {
    }

    /** Parses rules text; "" (or only whitespace) is no rules. */
    public static Rules parse(String text) {
        if (text == null || text.isBlank()) {
            return Rules.EMPTY;
        }
        return interpret(decode(text));
    }

    /** Refuses bad rules text with Consul's message; the state machine's {@code rulesValidator}. */
    public static void validate(String text) {
        parse(text);
    }

    private static Map<String, Object> decode(String text) {
        String trimmed = text.strip();
        try {
            if (trimmed.startsWith("{")) {
                Object v = JSON.readValue(trimmed, Object.class);
                if (!(v instanceof Map<?, ?>)) {
                    throw failed("the rules must be a JSON object");
                }
                return cast(v);
            }
            return Hcl.parse(text, true);
        } catch (JsonProcessingException e) {
            throw failed(e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw failed(e.getMessage());
        }
    }

    private static Rules interpret(Map<String, Object> root) {
        Rules.Builder out = Rules.builder();
        global(root, Resource.ACL, out);
        for (Kind kind : Kind.values()) {
            for (Object value : all(root, kind.key)) {
                named(kind, value, out);
            }
        }
        for (Resource r : GLOBALS_AFTER_NAMED) {
            global(root, r, out);
        }
        for (String ignored : List.of("identity", "identity_prefix")) {
            for (Object v : all(root, ignored)) {
                if (!(v instanceof Map<?, ?>) && !(v instanceof List<?>)) {
                    throw failed(ignored + ": expected an object, got " + typeName(v));
                }
            }
        }
        return out.build();
    }

    /** Every value under {@code key}, matched case-insensitively as HCL's decoder matches field names. */
    private static List<Object> all(Map<String, Object> root, String key) {
        List<Object> out = new ArrayList<>(1);
        root.forEach((k, v) -> {
            if (k.equalsIgnoreCase(key) && v != null) {
                out.add(v);
            }
        });
        return out;
    }

    private static void global(Map<String, Object> root, Resource resource, Rules.Builder out) {
        List<Object> values = all(root, resource.word());
        if (values.isEmpty()) {
            return;
        }
        Object v = values.get(values.size() - 1);
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw failed(resource.word() + ": expected a string, got " + typeName(v));
        }
        String s = text(v);
        if (s.isEmpty()) {
            return;
        }
        AccessLevel level = level(s, false);
        if (level == null) {
            throw AclException.invalid("Invalid " + resource.word() + " policy: " + GoFormat.quote(s));
        }
        out.global(resource, level);
    }

    /**
     * One kind's blocks: {@code name → attributes}, where a name repeated in the text (a list of attribute maps)
     * gives one rule per block; the builder merges them by precedence as Consul's policy merger does.
     */
    private static void named(Kind kind, Object value, Rules.Builder out) {
        for (Map<String, Object> blocks : objects(kind.key, value)) {
            for (Map.Entry<String, Object> block : blocks.entrySet()) {
                String name = block.getKey();
                List<?> bodies = block.getValue() instanceof List<?> l ? l : List.of(nonNull(block.getValue()));
                for (Object body : bodies) {
                    if (!(body instanceof Map<?, ?> raw)) {
                        throw failed(kind.key + " " + GoFormat.quote(name) + ": expected a block, got "
                                + typeName(body));
                    }
                    rule(kind, name, lowerKeys(cast(raw)), out);
                }
            }
        }
    }

    private static void rule(Kind kind, String name, Map<String, Object> attrs, Rules.Builder out) {
        String policy = attribute(kind, name, attrs, "policy");
        String intentions = kind.resource == Resource.SERVICE ? attribute(kind, name, attrs, "intentions") : "";
        AccessLevel level = level(policy, kind.resource == Resource.KEY);
        if (level == null) {
            throw AclException.invalid("Invalid " + kind.key + " policy: " + kind.goValue(name, policy, intentions));
        }
        AccessLevel intention = null;
        if (!intentions.isEmpty()) {
            intention = level(intentions, false);
            if (intention == null) {
                throw AclException.invalid("Invalid " + kind.key + " intentions policy: "
                        + kind.goValue(name, policy, intentions));
            }
        }
        if (kind.prefix) {
            out.prefix(kind.resource, name, level);
        } else {
            out.exact(kind.resource, name, level);
        }
        if (intention != null) {
            if (kind.prefix) {
                out.prefix(Resource.INTENTION, name, intention);
            } else {
                out.exact(Resource.INTENTION, name, intention);
            }
        }
    }

    /** An attribute as Go's decoder would put it in a string field ("" when absent). */
    private static String attribute(Kind kind, String name, Map<String, Object> attrs, String key) {
        Object v = attrs.get(key);
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw failed(kind.key + " " + GoFormat.quote(name) + ": " + key + ": expected a string, got "
                    + typeName(v));
        }
        return text(v);
    }

    private static Object nonNull(Object v) {
        return v == null ? "" : v;
    }

    private static List<Map<String, Object>> objects(String key, Object value) {
        if (value instanceof Map<?, ?> m) {
            return List.of(cast(m));
        }
        if (value instanceof List<?> list) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m)) {
                    throw failed(key + ": expected blocks, got " + typeName(o));
                }
                out.add(cast(m));
            }
            return out;
        }
        throw failed(key + ": expected a block, got " + typeName(value));
    }

    /** Consul's {@code isPolicyValid}: a known level, case-insensitive; {@code list} only where allowed. */
    private static AccessLevel level(String s, boolean allowList) {
        AccessLevel level = switch (s.toLowerCase(Locale.ROOT)) {
            case "deny" -> AccessLevel.DENY;
            case "read" -> AccessLevel.READ;
            case "list" -> AccessLevel.LIST;
            case "write" -> AccessLevel.WRITE;
            default -> null;
        };
        return level == AccessLevel.LIST && !allowList ? null : level;
    }

    /** A scalar as Go's decoder puts it in a string field: numbers in their integral form when they are one. */
    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }

    private static Map<String, Object> lowerKeys(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    private static String typeName(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        if (v instanceof Number) {
            return "a number";
        }
        if (v instanceof Boolean) {
            return "a bool";
        }
        return "a string";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object m) {
        return (Map<String, Object>) m;
    }

    private static AclException failed(String reason) {
        return AclException.invalid("Failed to parse ACL rules: " + reason);
    }
}
