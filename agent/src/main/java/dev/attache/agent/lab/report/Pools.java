package dev.attache.agent.lab.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Which gossip pools two lab nodes share, and the member's name in each: the LAN pool within a datacenter (the
 * node's name), the WAN pool between servers ({@code node.dc}).
 */
final class Pools {
    /** A member as one pool names it. */
    record Seen(String pool, String member) {
    }

    private final LabManifest manifest;

    Pools(LabManifest manifest) {
        this.manifest = manifest;
    }

    List<Seen> shared(String observer, String member) {
        LabNode o = manifest.node(observer);
        LabNode m = manifest.node(member);
        List<Seen> out = new ArrayList<>(2);
        if (o == null || m == null) {
            return out;
        }
        if (o.dc().equals(m.dc())) {
            out.add(new Seen("lan", m.name()));
        }
        if (o.server() && m.server()) {
            out.add(new Seen("wan", m.wanName()));
        }
        return out;
    }

    /** The lab node a member name stands for in a pool; the name itself when it is no node of the lab. */
    String node(String pool, String member) {
        if (pool.equals("wan")) {
            for (LabNode n : manifest.nodes()) {
                if (n.wanName().equals(member)) {
                    return n.name();
                }
            }
        }
        return member;
    }
}
