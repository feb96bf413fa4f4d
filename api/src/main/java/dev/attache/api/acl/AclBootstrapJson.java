package dev.attache.api.acl;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** {@code PUT /v1/acl/bootstrap}'s answer: the token with the legacy leading {@code ID}, equal to the SecretID. */
@JsonPropertyOrder({"ID"})
public record AclBootstrapJson(@JsonProperty("ID") String id, @JsonUnwrapped AclTokenJson token) {

    public static AclBootstrapJson of(AclTokenJson token) {
        return new AclBootstrapJson(token.secretId(), token);
    }
}
