package dev.attache.agent.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** A node identity on a token, as the Go client's {@code api.ACLNodeIdentity}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record AclNodeIdentity(@JsonProperty("NodeName") String nodeName, @JsonProperty("Datacenter") String datacenter) {

    AclNodeIdentity {
        nodeName = nodeName == null ? "" : nodeName;
        datacenter = datacenter == null ? "" : datacenter;
    }

    /** The {@code -node-identity} values, each {@code NODENAME:DATACENTER} (Consul's {@code ExtractNodeIdentities}). */
    static List<AclNodeIdentity> parseAll(List<String> values) throws IllegalArgumentException {
        List<AclNodeIdentity> out = new ArrayList<>();
        for (String raw : values) {
            String[] parts = raw.split(":", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("Malformed -node-identity argument: " + GoQuote.quote(raw));
            }
            out.add(new AclNodeIdentity(parts[0], parts[1]));
        }
        return out;
    }
}
