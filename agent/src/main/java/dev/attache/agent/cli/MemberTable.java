package dev.attache.agent.cli;

import dev.attache.cluster.MemberStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tables of {@code attache members} (consul-behavior.md §11.2), from a member list to the rows
 * {@link Columnize} lays out. Pure: no I/O.
 */
final class MemberTable {
    static final String ALL_SEGMENTS = "_all";
    static final String DEFAULT_PARTITION = "default";
    static final String ROLE_SERVER = "consul";
    static final String ROLE_CLIENT = "node";
    static final List<String> STANDARD_HEADER =
            List.of("Node", "Address", "Status", "Type", "Build", "Protocol", "DC", "Partition", "Segment");
    static final List<String> DETAILED_HEADER = List.of("Node", "Address", "Status", "Tags");

    /** Servers first, then the default partition, then by segment, then by partition, then by name. */
    static final Comparator<AgentMember> ORDER = Comparator
            .comparing((AgentMember m) -> !m.tag("role").equals(ROLE_SERVER))
            .thenComparing(m -> !isDefaultPartition(m.tag("ap")))
            .thenComparing(m -> m.tag("segment"))
            .thenComparing(m -> m.tag("ap"))
            .thenComparing(AgentMember::name);

    private MemberTable() {
    }

    /**
     * Fills in the partition ({@code ap=default}) and rewrites the segment tag (servers {@code <all>} when listing
     * all segments, empty {@code <default>}; empty outside the default partition), keeps the members whose status
     * word the regex finds a match in, and sorts them.
     */
    static List<AgentMember> prepare(List<AgentMember> members, String segmentFlag, Pattern status) {
        List<AgentMember> kept = new ArrayList<>(members.size());
        for (AgentMember m : members) {
            if (m.tag("ap").isEmpty()) {
                m = m.withTag("ap", DEFAULT_PARTITION);
            }
            if (isDefaultPartition(m.tag("ap"))) {
                if (segmentFlag.equals(ALL_SEGMENTS) && m.tag("role").equals(ROLE_SERVER)) {
                    m = m.withTag("segment", "<all>");
                } else if (m.tag("segment").isEmpty()) {
                    m = m.withTag("segment", "<default>");
                }
            } else {
                m = m.withTag("segment", "");
            }
            if (status.matcher(statusWord(m.status())).find()) {
                kept.add(m);
            }
        }
        kept.sort(ORDER);
        return kept;
    }

    /** The header and one row per member: name, address, status, type, build, protocol, DC, partition, segment. */
    static List<List<String>> standardRows(List<AgentMember> members) {
        List<List<String>> rows = new ArrayList<>(members.size() + 1);
        rows.add(STANDARD_HEADER);
        for (AgentMember m : members) {
            String address = address(m.addr(), m.port());
            String status = statusWord(m.status());
            String type = switch (m.tag("role")) {
                case ROLE_CLIENT -> "client";
                case ROLE_SERVER -> "server";
                default -> "unknown";
            };
            if (type.equals("unknown")) {
                rows.add(List.of(m.name(), address, status, type, "", "", "", "", ""));
            } else {
                rows.add(List.of(m.name(), address, status, type, build(m.tag("build")), m.tag("vsn"),
                        m.tag("dc"), m.tag("ap"), m.tag("segment")));
            }
        }
        return rows;
    }

    /** The header and one row per member: name, address, status, and every tag as {@code k=v}, sorted, comma-joined. */
    static List<List<String>> detailedRows(List<AgentMember> members) {
        List<List<String>> rows = new ArrayList<>(members.size() + 1);
        rows.add(DETAILED_HEADER);
        for (AgentMember m : members) {
            List<String> pairs = new ArrayList<>(m.tags().size());
            for (Map.Entry<String, String> t : m.tags().entrySet()) {
                pairs.add(t.getKey() + "=" + t.getValue());
            }
            rows.add(List.of(m.name(), address(m.addr(), m.port()), statusWord(m.status()), String.join(",", pairs)));
        }
        return rows;
    }

    /** The build tag up to its first {@code :}; {@code < 0.3} when there is none. */
    static String build(String tag) {
        if (tag.isEmpty()) {
            return "< 0.3";
        }
        int colon = tag.indexOf(':');
        return colon < 0 ? tag : tag.substring(0, colon);
    }

    /** The word for a numeric status; {@code unknown} for a code Serf does not define. */
    static String statusWord(int code) {
        try {
            return MemberStatus.ofCode(code).word();
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }

    /** Go's {@code net.TCPAddr.String()} of a parsed IP: {@code ip:port}, {@code [ipv6]:port}, {@code :port} if unparsable. */
    static String address(String addr, int port) {
        return IpText.canonical(addr).map(ip -> (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port)
                .orElse(":" + port);
    }

    static boolean isDefaultPartition(String ap) {
        return ap.isEmpty() || ap.equals(DEFAULT_PARTITION);
    }
}
