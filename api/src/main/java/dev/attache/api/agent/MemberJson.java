package dev.attache.api.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.attache.cluster.Member;
import java.util.Map;
import java.util.TreeMap;

/** A member as {@code /v1/agent/members} and {@code self.Member} show it (consul-behavior.md §10.1). */
@JsonPropertyOrder({"Name", "Addr", "Port", "Tags", "Status", "ProtocolMin", "ProtocolMax", "ProtocolCur",
        "DelegateMin", "DelegateMax", "DelegateCur"})
public record MemberJson(
        @JsonProperty("Name") String name,
        @JsonProperty("Addr") String addr,
        @JsonProperty("Port") int port,
        @JsonProperty("Tags") Map<String, String> tags,
        @JsonProperty("Status") int status,
        @JsonProperty("ProtocolMin") int protocolMin,
        @JsonProperty("ProtocolMax") int protocolMax,
        @JsonProperty("ProtocolCur") int protocolCur,
        @JsonProperty("DelegateMin") int delegateMin,
        @JsonProperty("DelegateMax") int delegateMax,
        @JsonProperty("DelegateCur") int delegateCur) {

    /** The memberlist (Protocol*) and Serf (Delegate*) protocol versions a modern Consul reports. */
    public static MemberJson from(Member m) {
        return new MemberJson(m.name(), m.address(), m.port(), new TreeMap<>(m.tags()), m.status().code(),
                1, 5, 2, 2, 5, 4);
    }
}
