package dev.attache.agent.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A service identity on a token, as the Go client's {@code api.ACLServiceIdentity}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record AclServiceIdentity(
        @JsonProperty("ServiceName") String serviceName,
        @JsonProperty("Datacenters") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> datacenters) {

    AclServiceIdentity {
        serviceName = serviceName == null ? "" : serviceName;
        datacenters = datacenters == null ? List.of() : List.copyOf(datacenters);
    }

    /**
     * The {@code -service-identity} values: {@code NAME} (all datacenters) or {@code NAME:DC1,DC2}, as Consul's
     * {@code ExtractServiceIdentities} reads them.
     */
    static List<AclServiceIdentity> parseAll(List<String> values) throws IllegalArgumentException {
        List<AclServiceIdentity> out = new ArrayList<>();
        for (String raw : values) {
            String[] parts = raw.split(":", -1);
            switch (parts.length) {
                case 1 -> out.add(new AclServiceIdentity(parts[0], List.of()));
                case 2 -> out.add(new AclServiceIdentity(parts[0], Arrays.asList(parts[1].split(",", -1))));
                default -> throw new IllegalArgumentException(
                        "Malformed -service-identity argument: " + GoQuote.quote(raw));
            }
        }
        return out;
    }
}
