package dev.attache.cluster;

import java.util.Map;
import java.util.Objects;

/**
 * One member of a gossip pool as this agent sees it.
 *
 * @param name    the node name (in the WAN pool {@code node.dc})
 * @param address the gossip address (an IP literal)
 * @param port    the gossip port
 * @param tags    Consul's member tags ({@code role}, {@code dc}, {@code id}, {@code port}, {@code build}, ...)
 * @param status  the member's status in this agent's view
 */
public record Member(String name, String address, int port, Map<String, String> tags, MemberStatus status) {
    public Member {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(status, "status");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** True when the member's {@code role} tag says it is a server ({@code consul}). */
    public boolean isServer() {
        return "consul".equals(tags.get("role"));
    }

    public Member withStatus(MemberStatus newStatus) {
        return new Member(name, address, port, tags, newStatus);
    }
}
