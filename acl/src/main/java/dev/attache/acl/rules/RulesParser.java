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
 * through {@link Hcl}, JSON through Jackson. Refusals are
 * {@link AclException} INVALID with Consul's texts: {@code Failed to parse ACL rules: ...} for syntax, and
 * {@code Invalid <kind> policy: <Go %#v of the rule>} for levels, checked in Consul's order. Keys Consul does not
 * know are ignored, as its HCL decoder ignores them; {@code identity} blocks are accepted and dropped.
 * Deterministic and thread-safe.
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
            return Hcl.parse(text);
        } catch (JsonProcessingException e) {
            throw failed(e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw failed(e.getMessage());
        }
    }

    private static Rules interpret(Map<String, Object> root) {
        List<Rules.Rule> out = new ArrayList<>();
        global(root, Resource.ACL, out);
        for (Kind kind : Kind.values()) {
            Object value = root.get(kind.key);
            if (value != null) {
                named(kind, value, out);
            }
        }
        for (Resource r : GLOBALS_AFTER_NAMED) {
            global(root, r, out);
        }
        for (String ignored : List.of("identity", "identity_prefix")) {
            if (root.containsKey(ignored) && !(root.get(ignored) instanceof Map<?, ?>)
                    && !(root.get(ignored) instanceof List<?>)) {
                throw failed(ignored + ": expected an object");
            }
        }
        return new Rules(out);
    }

    private static void global(Map<String, Object> root, Resource resource, List<Rules.Rule> out) {
        Object v = root.get(resource.word());
        if (v == null) {
            return;
        }
        if (!(v instanceof String s)) {
            throw failed(resource.word() + ": expected a string, got " + typeName(v));
        }
        if (s.isEmpty()) {
            return;
        }
        AccessLevel level = level(s, false);
        if (level == null) {
            throw AclException.invalid("Invalid " + resource.word() + " policy: " + GoFormat.quote(s));
        }
        out.add(new Rules.Rule(resource, "", false, level));
    }

    /** One kind's blocks: {@code name → attributes}, or a list of such maps (repeated blocks). */
    private static void named(Kind kind, Object value, List<Rules.Rule> out) {
        Map<String, Object> blocks = new LinkedHashMap<>();
        for (Map<String, Object> m : objects(kind.key, value)) {
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (blocks.containsKey(e.getKey()) || e.getValue() instanceof List<?>) {
                    throw failed(kind.key + " " + GoFormat.quote(e.getKey())
                            + " was already set. Each argument can only be defined once");
                }
                blocks.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Object> block : blocks.entrySet()) {
            String name = block.getKey();
            if (!(block.getValue() instanceof Map<?, ?> raw)) {
                throw failed(kind.key + " " + GoFormat.quote(name) + ": expected a block, got "
                        + typeName(block.getValue()));
            }
            Map<String, Object> attrs = lowerKeys(cast(raw));
            String policy = text(attrs.get("policy"));
            String intentions = kind.resource == Resource.SERVICE ? text(attrs.get("intentions")) : "";
            AccessLevel level = level(policy, kind.resource == Resource.KEY);
            if (level == null) {
                throw AclException.invalid("Invalid " + kind.key + " policy: " + kind.goValue(name, policy, intentions));
            }
            out.add(new Rules.Rule(kind.resource, name, kind.prefix, level));
            if (kind.resource == Resource.SERVICE) {
                AccessLevel intention;
                if (intentions.isEmpty()) {
                    intention = level == AccessLevel.READ || level == AccessLevel.WRITE ? AccessLevel.READ
                            : AccessLevel.DENY;
                } else {
                    intention = level(intentions, false);
                    if (intention == null) {
                        throw AclException.invalid("Invalid " + kind.key + " intentions policy: "
                                + kind.goValue(name, policy, intentions));
                    }
                }
                out.add(new Rules.Rule(Resource.INTENTION, name, kind.prefix, intention));
            }
        }
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

    /** An attribute as Go's decoder would put it in a string field ("" when absent). */
    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw failed("policy: expected a string, got " + typeName(v));
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
