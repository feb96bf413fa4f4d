package dev.attache.acl.state;

import static dev.attache.acl.state.Fixtures.NOW;
import static dev.attache.acl.state.Fixtures.POLICY_ID;
import static dev.attache.acl.state.Fixtures.ROOT_ACCESSOR;
import static dev.attache.acl.state.Fixtures.ROOT_SECRET;
import static dev.attache.acl.state.Fixtures.UNKNOWN_ID;
import static dev.attache.acl.state.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.AclException;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the create error table (consul-behavior.md §4.2): all are 500s, so INVALID. */
class TokenCreateTest {
    private static final String RESERVED_MSG =
            "UUIDs with the prefix \"00000000-0000-0000-0000-0000000000\" are reserved";

    private static Arguments row(String name, Fixtures.Spec spec, String message) {
        return Arguments.of(Named.of(name, spec.build()), message);
    }

    static Stream<Arguments> errorTable() {
        return Stream.of(
                row("accessor not a UUID", spec().accessor("abc"), "Invalid Token: AccessorID - not a valid UUID"),
                row("accessor reserved", spec().accessor("00000000-0000-0000-0000-000000000099"),
                        "Invalid Token: AccessorID - " + RESERVED_MSG),
                row("reserved prefix is checked before the format",
                        spec().accessor("00000000-0000-0000-0000-0000000000zz"),
                        "Invalid Token: AccessorID - " + RESERVED_MSG),
                row("accessor equals an accessor", spec().accessor(ROOT_ACCESSOR),
                        "Invalid Token: AccessorID is already in use"),
                row("accessor equals an accessor in upper case", spec().accessor(ROOT_ACCESSOR.toUpperCase()),
                        "Invalid Token: AccessorID is already in use"),
                row("accessor equals a secret", spec().accessor(ROOT_SECRET),
                        "Invalid Token: AccessorID is already in use"),
                row("secret not a UUID", spec().secret("my-secret"), "Invalid Token: SecretID - not a valid UUID"),
                row("secret reserved", spec().secret("00000000-0000-0000-0000-000000000001"),
                        "Invalid Token: SecretID - " + RESERVED_MSG),
                row("secret equals a secret", spec().secret(ROOT_SECRET), "Invalid Token: SecretID is already in use"),
                row("secret equals an accessor", spec().secret(ROOT_ACCESSOR),
                        "Invalid Token: SecretID is already in use"),
                row("accessor is checked before secret", spec().accessor("abc").secret("def"),
                        "Invalid Token: AccessorID - not a valid UUID"),
                row("negative TTL", spec().ttl(Duration.ofMinutes(-1)), "Token Expiration TTL '-1m0s' should be > 0"),
                row("TTL and time", spec().ttl(Duration.ofMinutes(5)).expires(NOW.plusSeconds(600)),
                        "Token Expiration TTL and Expiration Time cannot both be set"),
                row("expiration before now", spec().expires(NOW.minusSeconds(1)),
                        "ExpirationTime cannot be before CreateTime"),
                row("expiration under a minute", spec().expires(NOW.plusSeconds(30)),
                        "ExpirationTime cannot be less than 1m0s in the future (was 30s)"),
                row("TTL under a minute", spec().ttl(Duration.ofMillis(59_500)),
                        "ExpirationTime cannot be less than 1m0s in the future (was 59.5s)"),
                row("policy name unknown", spec().policies(new PolicyLink("", "nope")),
                        "No such ACL policy with name \"nope\""),
                row("policy ID unknown", spec().policies(PolicyLink.ofId(UNKNOWN_ID)),
                        "No such ACL policy with ID \"" + UNKNOWN_ID + "\""),
                row("policy ID malformed", spec().policies(PolicyLink.ofId("node-read")),
                        "Error looking up policy for ID: \"node-read\": failed acl policy lookup: index error: "
                                + "UUID must be 36 characters"),
                row("policy ID wins over a valid name", spec().policies(new PolicyLink(UNKNOWN_ID, "node-read")),
                        "No such ACL policy with ID \"" + UNKNOWN_ID + "\""),
                row("role name unknown", spec().roles(new PolicyLink("", "ops")), "No such ACL role with name \"ops\""),
                row("role ID unknown", spec().roles(PolicyLink.ofId(UNKNOWN_ID)),
                        "No such ACL role with ID \"" + UNKNOWN_ID + "\""),
                row("role ID malformed", spec().roles(PolicyLink.ofId("ops")),
                        "Error looking up role for ID: \"ops\": failed acl role lookup: index error: "
                                + "UUID must be 36 characters"),
                row("roles are checked before policies",
                        spec().roles(new PolicyLink("", "ops")).policies(new PolicyLink("", "nope")),
                        "No such ACL role with name \"ops\""),
                row("service identity without name", spec().services(new ServiceIdentity("", List.of())),
                        "Service identity is missing the service name field on this token"),
                row("service identity bad name", spec().services(new ServiceIdentity("Web", List.of())),
                        "Service identity \"Web\" has an invalid name. Only lowercase alphanumeric characters, "
                                + "'-' and '_' are allowed"),
                row("service identity name ending in a hyphen", spec().services(new ServiceIdentity("web-", null)),
                        "Service identity \"web-\" has an invalid name. Only lowercase alphanumeric characters, "
                                + "'-' and '_' are allowed"),
                row("service identity name too long", spec().services(new ServiceIdentity("a".repeat(257), null)),
                        "Service identity \"" + "a".repeat(257) + "\" has an invalid name. Only lowercase "
                                + "alphanumeric characters, '-' and '_' are allowed"),
                row("service identity datacenters on a local token",
                        spec().local(true).services(new ServiceIdentity("web", List.of("dc1"))),
                        "Service identity \"web\" cannot specify a list of datacenters on a local token"),
                row("node identity without name", spec().nodes(new NodeIdentity("", "dc1")),
                        "Node identity is missing the node name field on this token"),
                row("node identity without datacenter", spec().nodes(new NodeIdentity("node1", "")),
                        "Node identity is missing the datacenter field on this token"),
                row("node identity bad name", spec().nodes(new NodeIdentity("Node_1!", "dc1")),
                        "Node identity has an invalid name. Only lowercase alphanumeric characters, '-' and '_' "
                                + "are allowed"));
    }

    @ParameterizedTest
    @MethodSource("errorTable")
    void createRefusesWithConsulsMessage(TokenSpec spec, String message) {
        AclStateMachine m = Fixtures.withPolicy();
        Fixtures.create(m, spec().accessor(ROOT_ACCESSOR).secret(ROOT_SECRET).build(), 3);
        AclState before = m.state();

        AclException e = Fixtures.refusal(m, new AclCommand.TokenCreate(NOW, spec), 4);

        assertThat(e.kind()).isEqualTo(AclException.Kind.INVALID);
        assertThat(e).hasMessage(message);
        assertThat(m.state().tokens()).isEqualTo(before.tokens());
        assertThat(m.state().tokensIndex()).isEqualTo(3);
        assertThat(m.state().index()).isEqualTo(4);
    }

    @ParameterizedTest
    @MethodSource("generatedIdCollisions")
    void generatedIdsMustStillBeUnused(TokenSpec spec, String message) {
        AclStateMachine m = Fixtures.withPolicy();
        Fixtures.create(m, spec().accessor(ROOT_ACCESSOR).secret(ROOT_SECRET).build(), 3);

        assertThat(Fixtures.refusal(m, new AclCommand.TokenCreate(NOW, spec), 4)).hasMessage(message);
    }

    static Stream<Arguments> generatedIdCollisions() {
        Fixtures.Spec sameAccessor = spec();
        sameAccessor.accessorId = ROOT_ACCESSOR;
        Fixtures.Spec sameSecret = spec();
        sameSecret.secretId = ROOT_SECRET;
        Fixtures.Spec noAccessor = spec();
        noAccessor.accessorId = "";
        return Stream.of(
                row("generated accessor in use", sameAccessor, "Invalid Token: AccessorID is already in use"),
                row("generated secret in use", sameSecret, "Invalid Token: SecretID is already in use"),
                row("no accessor at all", noAccessor, "Missing ACL Token AccessorID"));
    }
}
