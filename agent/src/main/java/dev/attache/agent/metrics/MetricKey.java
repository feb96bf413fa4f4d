package dev.attache.agent.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A metric's full name and labels. Dropwizard names carry no labels, so the registry holds each metric under
 * {@link #encoded()}: {@code consul.api.http{method=GET,path=v1_agent_self}}, with {@code \}, {@code ,}, {@code =}
 * and <code>}</code> escaped by a backslash in label names and values. {@link #parse} reads it back; the JSON and the
 * Prometheus renderers read every registry name through it, and a name without braces has no labels.
 *
 * @param name   the dotted name, prefix included ({@code consul.api.http})
 * @param labels label names to values, sorted by name
 */
public record MetricKey(String name, SortedMap<String, String> labels) {
    private static final Map<String, MetricKey> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_MAX = 10_000;

    public MetricKey {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** A key from a name and label pairs: {@code of("consul.api.http", "method", "GET", "path", "v1_agent_self")}. */
    public static MetricKey of(String name, String... labelPairs) {
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        SortedMap<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        return new MetricKey(name, labels);
    }

    /** The registry name. */
    public String encoded() {
        if (labels.isEmpty()) {
            return name;
        }
        StringBuilder b = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> {
            if (b.charAt(b.length() - 1) != '{') {
                b.append(',');
            }
            escape(b, k);
            b.append('=');
            escape(b, v);
        });
        return b.append('}').toString();
    }

    /** The key a registry name encodes; a name without labels is its own key. */
    public static MetricKey parse(String encoded) {
        MetricKey cached = PARSED.get(encoded);
        if (cached != null) {
            return cached;
        }
        MetricKey key = decode(encoded);
        if (PARSED.size() < PARSED_MAX) { // registry names are few; a runaway embedder must not grow this forever
            PARSED.put(encoded, key);
        }
        return key;
    }

    /** go-metrics' sort key: the name, then {@code ;label=value} per label. */
    String sortKey() {
        StringBuilder b = new StringBuilder(name);
        labels.forEach((k, v) -> b.append(';').append(k).append('=').append(v));
        return b.toString();
    }

    private static MetricKey decode(String s) {
        int open = s.indexOf('{');
        if (open < 0 || !s.endsWith("}")) {
            return new MetricKey(s, new TreeMap<>());
        }
        SortedMap<String, String> labels = new TreeMap<>();
        StringBuilder token = new StringBuilder();
        String labelName = null;
        for (int i = open + 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1) {
                token.append(s.charAt(++i));
            } else if (c == '=' && labelName == null) {
                labelName = token.toString();
                token.setLength(0);
            } else if (c == ',') {
                labels.put(labelName == null ? token.toString() : labelName, labelName == null ? "" : token.toString());
                labelName = null;
                token.setLength(0);
            } else {
                token.append(c);
            }
        }
        if (labelName != null || token.length() > 0) {
            labels.put(labelName == null ? token.toString() : labelName, labelName == null ? "" : token.toString());
        }
        return new MetricKey(s.substring(0, open), labels);
    }

    private static void escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == ',' || c == '=' || c == '}') {
                b.append('\\');
            }
            b.append(c);
        }
    }
}
