package dev.attache.api.acl;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import dev.attache.api.json.GoDuration;
import dev.attache.api.json.GoTime;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of a token create, update or clone: the fields of Consul's {@code ACLToken} (decoded strictly, so anything
 * else is an unknown field). {@code CreateTime}, {@code Hash} and the indexes are accepted and ignored, as in Consul;
 * {@code ExpirationTTL} is a Go duration string or a number of nanoseconds. Absent fields are null.
 */
public record AclTokenBody(
        @JsonProperty("AccessorID") String accessorId,
        @JsonProperty("SecretID") String secretId,
        @JsonProperty("Description") String description,
        @JsonProperty("Policies") List<LinkBody> policies,
        @JsonProperty("Roles") List<LinkBody> roles,
        @JsonProperty("ServiceIdentities") List<ServiceIdentityBody> serviceIdentities,
        @JsonProperty("NodeIdentities") List<NodeIdentityBody> nodeIdentities,
        @JsonProperty("TemplatedPolicies") List<TemplatedPolicyBody> templatedPolicies,
        @JsonProperty("Local") boolean local,
        @JsonProperty("AuthMethod") String authMethod,
        @JsonProperty("ExpirationTime") @JsonDeserialize(using = TimeDeserializer.class) Instant expirationTime,
        @JsonProperty("ExpirationTTL") @JsonDeserialize(using = TtlDeserializer.class) Duration expirationTtl,
        @JsonProperty("CreateTime") @JsonDeserialize(using = TimeDeserializer.class) Instant createTime,
        @JsonProperty("Hash") String hash,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    /** What a JSON {@code null} body decodes to: nothing given. */
    static final AclTokenBody EMPTY = new AclTokenBody(null, null, null, null, null, null, null, null, false, null,
            null, null, null, null, 0, 0);

    /** A policy or role link: {@code ID} or {@code Name}, either possibly null (client-compat #13). */
    public record LinkBody(@JsonProperty("ID") String id, @JsonProperty("Name") String name) {
        PolicyLink toLink() {
            return new PolicyLink(id, name);
        }
    }

    public record ServiceIdentityBody(@JsonProperty("ServiceName") String serviceName,
                                      @JsonProperty("Datacenters") List<String> datacenters) {
    }

    public record NodeIdentityBody(@JsonProperty("NodeName") String nodeName,
                                   @JsonProperty("Datacenter") String datacenter) {
    }

    /** Decoded so that a valid body is accepted; this agent stores no templated policies. */
    public record TemplatedPolicyBody(@JsonProperty("TemplateID") String templateId,
                                      @JsonProperty("TemplateName") String templateName,
                                      @JsonProperty("TemplateVariables") Map<String, String> templateVariables,
                                      @JsonProperty("Datacenters") List<String> datacenters) {
    }

    String accessorIdOrEmpty() {
        return accessorId == null ? "" : accessorId;
    }

    String secretIdOrEmpty() {
        return secretId == null ? "" : secretId;
    }

    String authMethodOrEmpty() {
        return authMethod == null ? "" : authMethod;
    }

    boolean hasTemplatedPolicies() {
        return templatedPolicies != null && templatedPolicies.stream().anyMatch(Objects::nonNull);
    }

    List<PolicyLink> policyLinks() {
        return links(policies);
    }

    List<PolicyLink> roleLinks() {
        return links(roles);
    }

    List<ServiceIdentity> serviceIdentityList() {
        return serviceIdentities == null ? List.of() : serviceIdentities.stream().filter(Objects::nonNull)
                .map(si -> new ServiceIdentity(si.serviceName(), si.datacenters() == null ? List.of()
                        : si.datacenters().stream().map(dc -> dc == null ? "" : dc).toList()))
                .toList();
    }

    List<NodeIdentity> nodeIdentityList() {
        return nodeIdentities == null ? List.of() : nodeIdentities.stream().filter(Objects::nonNull)
                .map(ni -> new NodeIdentity(ni.nodeName(), ni.datacenter())).toList();
    }

    private static List<PolicyLink> links(List<LinkBody> links) {
        return links == null ? List.of() : links.stream().filter(Objects::nonNull).map(LinkBody::toLink).toList();
    }

    /** Go's {@code time.Time} in JSON: an RFC 3339 string ({@code null} leaves it unset). */
    static final class TimeDeserializer extends StdDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        TimeDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
                p.skipChildren();
                throw JsonMappingException.from(p, "Time.UnmarshalJSON: input is not a JSON string");
            }
            try {
                return GoTime.parse(p.getText());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
    }

    /**
     * Consul's {@code ExpirationTTL}: a Go duration string, or a JSON number of nanoseconds (truncated as Go's
     * {@code time.Duration(float64)}); any other JSON value is ignored, as Consul's {@code UnmarshalJSON} does.
     */
    static final class TtlDeserializer extends StdDeserializer<Duration> {
        private static final long serialVersionUID = 1L;

        TtlDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            switch (p.currentToken()) {
                case VALUE_STRING -> {
                    try {
                        return GoDuration.parse(p.getText());
                    } catch (IllegalArgumentException e) {
                        throw JsonMappingException.from(p, e.getMessage());
                    }
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    return Duration.ofNanos((long) p.getDoubleValue());
                }
                default -> {
                    p.skipChildren();
                    return null;
                }
            }
        }
    }
}
