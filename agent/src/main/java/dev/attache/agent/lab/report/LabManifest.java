package dev.attache.agent.lab.report;

import java.util.List;

/** {@code lab.json}: how the lab was made and its nodes. */
public record LabManifest(
        String mode,
        String created,
        String gossip,
        List<LabNode> nodes) {
    public LabManifest {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        gossip = gossip == null ? "lan" : gossip;
    }

    public LabNode node(String name) {
        for (LabNode n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }
}
