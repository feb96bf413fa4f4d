package dev.attache.agent;

import dev.attache.api.BuildInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/** The gossip tags Consul sets for servers and clients (consul-behavior.md §10.1). */
final class MemberTags {
    private MemberTags() {
    }

    static Map<String, String> of(AgentConfig c, BuildInfo build) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("role", c.server() ? "consul" : "node");
        tags.put("dc", c.datacenter());
        tags.put("segment", "");
        tags.put("id", c.nodeId());
        tags.put("vsn", "2");
        tags.put("vsn_min", "2");
        tags.put("vsn_max", "3");
        tags.put("build", build.buildTag());
        if (c.server()) {
            tags.put("port", String.valueOf(c.ports().server())); // the cluster replaces 0 with the bound port
            tags.put("raft_vsn", "3");
            if (c.devMode()) {
                tags.put("bootstrap", "1");
            } else if (c.bootstrapExpect() > 0) {
                tags.put("expect", String.valueOf(c.bootstrapExpect()));
            }
            tags.put("acls", "0");
            tags.put("ft_fs", "1");
            tags.put("ft_si", "1");
            if (c.ports().serfWan() != 0) {
                tags.put("wan_join_port", String.valueOf(c.ports().serfWan()));
            }
        }
        return tags;
    }
}
