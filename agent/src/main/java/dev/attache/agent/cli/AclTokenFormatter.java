package dev.attache.agent.cli;

import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;

/**
 * Consul's token output ({@code command/acl/token/formatter.go}, consul-behavior.md §11.9): {@code pretty}, one
 * {@code Label:} per line with values at column 19, or {@code json}, the Go client's structs indented by four
 * spaces. The text has no final newline of its own beyond the format's; commands print it as a line.
 */
final class AclTokenFormatter {
    static final String PRETTY = "pretty";
    static final String JSON = "json";
    /** The {@code -format} flag's usage. */
    static final String FORMAT_USAGE = "Output format {" + PRETTY + "|" + JSON + "}";

    private final boolean json;
    private final boolean showMeta;
    private final ZoneId local;

    private AclTokenFormatter(boolean json, boolean showMeta, ZoneId local) {
        this.json = json;
        this.showMeta = showMeta;
        this.local = local;
    }

    /** A formatter for {@code -format}; any other value is {@code Unknown format: <value>}. */
    static AclTokenFormatter of(String format, boolean showMeta, ZoneId local) {
        return switch (format) {
            case PRETTY -> new AclTokenFormatter(false, showMeta, local);
            case JSON -> new AclTokenFormatter(true, showMeta, local);
            default -> throw new IllegalArgumentException("Unknown format: " + format);
        };
    }

    String formatToken(AclToken token) {
        if (json) {
            return GoJson.indent(token);
        }
        StringBuilder b = new StringBuilder();
        header(b, token);
        links(b, token);
        return b.toString();
    }

    /** The entries, separated by a blank line in pretty output. */
    String formatTokenList(List<AclTokenListEntry> tokens) {
        if (json) {
            return GoJson.indent(tokens);
        }
        StringBuilder b = new StringBuilder();
        for (AclTokenListEntry t : tokens) {
            if (b.length() > 0) {
                b.append('\n');
            }
            header(b, t);
            links(b, t);
        }
        return b.toString();
    }

    /** The token with the policies and identities that make up its authorizer, and the agent's defaults. */
    String formatTokenExpanded(AclTokenExpanded token) {
        if (json) {
            return GoJson.indent(token);
        }
        StringBuilder b = new StringBuilder();
        header(b, token.token());
        new AclTokenExpandedPretty(b, token).layers();
        return b.toString();
    }

    /** Everything above the links: IDs, description, locality, times and, with {@code -meta}, hash and indexes. */
    private void header(StringBuilder b, AclTokenFields t) {
        line(b, "AccessorID:       ", t.accessorId());
        line(b, "SecretID:         ", t.secretId());
        if (!t.partition().isEmpty()) {
            line(b, "Partition:        ", t.partition());
        }
        if (!t.namespace().isEmpty()) {
            line(b, "Namespace:        ", t.namespace());
        }
        line(b, "Description:      ", t.description());
        line(b, "Local:            ", Boolean.toString(t.local()));
        if (!t.authMethod().isEmpty()) {
            line(b, "Auth Method:      ", t.authMethod() + " (Namespace: " + t.authMethodNamespace() + ")");
        }
        line(b, "Create Time:      ", t.createTime().goString(local));
        if (t.expirationTime() != null && !t.expirationTime().isZero()) {
            line(b, "Expiration Time:  ", t.expirationTime().goString(local));
        }
        if (showMeta) {
            line(b, "Hash:             ", t.hash() == null ? "" : HexFormat.of().formatHex(t.hash()));
            line(b, "Create Index:     ", Long.toString(t.createIndex()));
            line(b, "Modify Index:     ", Long.toString(t.modifyIndex()));
        }
    }

    private static void links(StringBuilder b, AclTokenFields t) {
        if (!t.policies().isEmpty()) {
            b.append("Policies:\n");
            t.policies().forEach(p -> line(b, "   ", p.id() + " - " + p.name()));
        }
        if (!t.roles().isEmpty()) {
            b.append("Roles:\n");
            t.roles().forEach(r -> line(b, "   ", r.id() + " - " + r.name()));
        }
        if (!t.serviceIdentities().isEmpty()) {
            b.append("Service Identities:\n");
            t.serviceIdentities().forEach(s -> line(b, "   ", s.serviceName() + " (Datacenters: "
                    + datacenters(s.datacenters()) + ")"));
        }
        if (!t.nodeIdentities().isEmpty()) {
            b.append("Node Identities:\n");
            t.nodeIdentities().forEach(n -> line(b, "   ", n.nodeName() + " (Datacenter: " + n.datacenter() + ")"));
        }
        if (!t.templatedPolicies().isEmpty()) {
            b.append("Templated Policies:\n");
            for (AclTemplatedPolicy tp : t.templatedPolicies()) {
                line(b, "   ", tp.templateName());
                if (!tp.variableName().isEmpty()) {
                    line(b, "      Name: ", tp.variableName());
                }
                line(b, "      Datacenters: ", datacenters(tp.datacenters()));
            }
        }
    }

    /** {@code dc1, dc2}, or {@code all} for none. */
    static String datacenters(List<String> dcs) {
        return dcs.isEmpty() ? "all" : String.join(", ", dcs);
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(label).append(value).append('\n');
    }
}
