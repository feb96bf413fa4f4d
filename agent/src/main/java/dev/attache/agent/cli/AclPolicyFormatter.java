package dev.attache.agent.cli;

import java.util.HexFormat;
import java.util.List;

/**
 * Consul's policy output ({@code command/acl/policy/formatter.go}): {@code pretty}, values at column 15 and the
 * rules last, list entries headed by the policy name with no blank line between them; or {@code json}, the Go
 * client's structs indented by four spaces.
 */
final class AclPolicyFormatter {
    private final boolean json;
    private final boolean showMeta;

    private AclPolicyFormatter(boolean json, boolean showMeta) {
        this.json = json;
        this.showMeta = showMeta;
    }

    /** A formatter for {@code -format}; any other value is {@code Unknown format: <value>}. */
    static AclPolicyFormatter of(String format, boolean showMeta) {
        return switch (format) {
            case AclTokenFormatter.PRETTY -> new AclPolicyFormatter(false, showMeta);
            case AclTokenFormatter.JSON -> new AclPolicyFormatter(true, showMeta);
            default -> throw new IllegalArgumentException("Unknown format: " + format);
        };
    }

    String formatPolicy(AclPolicy p) {
        if (json) {
            return GoJson.indent(p);
        }
        StringBuilder b = new StringBuilder();
        b.append("ID:           ").append(p.id()).append('\n');
        b.append("Name:         ").append(p.name()).append('\n');
        if (!p.partition().isEmpty()) {
            b.append("Partition:    ").append(p.partition()).append('\n');
        }
        if (!p.namespace().isEmpty()) {
            b.append("Namespace:    ").append(p.namespace()).append('\n');
        }
        b.append("Description:  ").append(p.description()).append('\n');
        b.append("Datacenters:  ").append(datacenters(p.datacenters())).append('\n');
        if (showMeta) {
            b.append("Hash:         ").append(hex(p.hash())).append('\n');
            b.append("Create Index: ").append(p.createIndex()).append('\n');
            b.append("Modify Index: ").append(p.modifyIndex()).append('\n');
        }
        return b.append("Rules:\n").append(p.rules()).toString();
    }

    String formatPolicyList(List<AclPolicyListEntry> policies) {
        if (json) {
            return GoJson.indent(policies);
        }
        StringBuilder b = new StringBuilder();
        for (AclPolicyListEntry p : policies) {
            b.append(p.name()).append(":\n");
            b.append("   ID:           ").append(p.id()).append('\n');
            if (!p.partition().isEmpty()) {
                b.append("   Partition:    ").append(p.partition()).append('\n');
            }
            if (!p.namespace().isEmpty()) {
                b.append("   Namespace:    ").append(p.namespace()).append('\n');
            }
            b.append("   Description:  ").append(p.description()).append('\n');
            b.append("   Datacenters:  ").append(datacenters(p.datacenters())).append('\n');
            if (showMeta) {
                b.append("   Hash:         ").append(hex(p.hash())).append('\n');
                b.append("   Create Index: ").append(p.createIndex()).append('\n');
                b.append("   Modify Index: ").append(p.modifyIndex()).append('\n');
            }
        }
        return b.toString();
    }

    /** {@code strings.Join(dcs, ", ")}: empty for none (unlike tokens, no {@code all}). */
    private static String datacenters(List<String> dcs) {
        return dcs == null ? "" : String.join(", ", dcs);
    }

    private static String hex(byte[] hash) {
        return hash == null ? "" : HexFormat.of().formatHex(hash);
    }
}
