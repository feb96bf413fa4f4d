package dev.attache.agent.cli;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A templated policy on a token, as the Go client's {@code api.ACLTemplatedPolicy}. Attaché's agent does not
 * serve templated policies; the CLI still shows those a Consul server returns.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AclTemplatedPolicy(
        @JsonProperty("TemplateName") String templateName,
        @JsonProperty("TemplateVariables") @JsonInclude(JsonInclude.Include.NON_NULL) Variables templateVariables,
        @JsonProperty("Datacenters") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> datacenters) {

    AclTemplatedPolicy {
        templateName = templateName == null ? "" : templateName;
        datacenters = datacenters == null ? List.of() : List.copyOf(datacenters);
    }

    /** The variables; Consul's server writes the key as {@code name}, Go decodes either spelling. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Variables(@JsonProperty("Name") @JsonAlias("name") String name) {
        Variables {
            name = name == null ? "" : name;
        }
    }

    /** The variable {@code Name}, empty when there are no variables. */
    String variableName() {
        return templateVariables == null ? "" : templateVariables.name();
    }
}
