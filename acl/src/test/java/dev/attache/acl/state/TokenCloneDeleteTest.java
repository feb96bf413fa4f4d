package dev.attache.acl.state;

import static dev.attache.acl.state.Fixtures.ACCESSOR;
import static dev.attache.acl.state.Fixtures.NOW;
import static dev.attache.acl.state.Fixtures.POLICY_ID;
import static dev.attache.acl.state.Fixtures.SECRET;
import static dev.attache.acl.state.Fixtures.UNKNOWN_ID;
import static dev.attache.acl.state.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.AclException;
import dev.attache.acl.AclException.Kind;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code PUT /v1/acl/token/<id>/clone} and {@code DELETE /v1/acl/token/<id>} (consul-behavior.md §4.6, §4.7). */
class TokenCloneDeleteTest {
    private static final String CLONE_ACCESSOR = "7b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9";
    private static final String CLONE_SECRET = "8c3d4e5f-6071-4829-93a4-b5c6d7e8f901";
    private static final Instant EXPIRES = NOW.plus(Duration.ofHours(1));

    private static AclStateMachine withToken() {
        AclStateMachine m = Fixtures.withPolicy();
        Fixtures.create(m, spec().description("source").policies(PolicyLink.ofId(POLICY_ID))
                .services(new ServiceIdentity("web", List.of("dc1"))).nodes(new NodeIdentity("n1", "dc1"))
                .expires(EXPIRES).build(), 3);
        return m;
    }

    private static AclCommand.TokenClone clone(Instant now, String source, String description) {
        return new AclCommand.TokenClone(now, source, CLONE_ACCESSOR, CLONE_SECRET, description);
    }

    @Test
    void cloneCopiesLinksIdentitiesLocalityAndExpiration() {
        AclStateMachine m = withToken();
        AclToken source = m.state().token(ACCESSOR).orElseThrow();
        Instant later = NOW.plusSeconds(60);

        AclToken copy = (AclToken) m.apply(clone(later, ACCESSOR, ""), 5);

        assertThat(copy.accessorId()).isEqualTo(CLONE_ACCESSOR);
        assertThat(copy.secretId()).isEqualTo(CLONE_SECRET);
        assertThat(copy.description()).isEqualTo("source");
        assertThat(copy.policies()).isEqualTo(source.policies());
        assertThat(copy.serviceIdentities()).isEqualTo(source.serviceIdentities());
        assertThat(copy.nodeIdentities()).isEqualTo(source.nodeIdentities());
        assertThat(copy.expirationTime()).isEqualTo(EXPIRES);
        assertThat(copy.createTime()).isEqualTo(later);
        assertThat(copy.hash()).as("same description, same hash").isEqualTo(source.hash());
        assertThat(copy.createIndex()).isEqualTo(5).isEqualTo(copy.modifyIndex());
    }

    @Test
    void cloneDescriptionOverridesWhenGiven() {
        AclStateMachine m = withToken();

        AclToken copy = (AclToken) m.apply(clone(NOW, ACCESSOR, "copy"), 5);

        assertThat(copy.description()).isEqualTo("copy");
        assertThat(copy.hash()).isNotEqualTo(m.state().token(ACCESSOR).orElseThrow().hash());
    }

    @Test
    void cloneDropsLinksToDeletedPolicies() {
        AclStateMachine m = withToken();
        m.apply(new AclCommand.PolicyDelete(POLICY_ID), 4);

        AclToken copy = (AclToken) m.apply(clone(NOW, ACCESSOR, ""), 5);

        assertThat(copy.policies()).isEmpty();
    }

    @Test
    void anonymousTokenCanBeCloned() {
        AclStateMachine m = Fixtures.initialized();

        AclToken copy = (AclToken) m.apply(clone(NOW, AclToken.ANONYMOUS_ACCESSOR_ID, ""), 2);

        assertThat(copy.description()).isEqualTo("Anonymous Token");
        assertThat(copy.policies()).isEmpty();
        assertThat(copy.hash()).isEqualTo("RNVFSWnfd5DUOuB8vplp+imivlIna3fKQVnkUHh21cA=");
    }

    static Stream<Arguments> cloneRefusals() {
        return Stream.of(
                refusal("malformed source", clone(NOW, "abc", ""), Kind.INVALID,
                        "failed acl token lookup: index error: UUID must be 36 characters"),
                refusal("unknown source", clone(NOW, UNKNOWN_ID, ""), Kind.ACL_NOT_FOUND,
                        "token does not exist: ACL not found"),
                refusal("expired source", clone(EXPIRES.plusNanos(1), ACCESSOR, ""), Kind.ACL_NOT_FOUND,
                        "token is expired: ACL not found"),
                refusal("copied expiration under a minute away", clone(EXPIRES.minusSeconds(30), ACCESSOR, ""),
                        Kind.INVALID, "ExpirationTime cannot be less than 1m0s in the future (was 30s)"),
                refusal("new accessor in use", new AclCommand.TokenClone(NOW, ACCESSOR, ACCESSOR, CLONE_SECRET, ""),
                        Kind.INVALID, "Invalid Token: AccessorID is already in use"));
    }

    @ParameterizedTest
    @MethodSource("cloneRefusals")
    void cloneRefusesWithConsulsMessage(AclCommand command, Kind kind, String message) {
        AclStateMachine m = withToken();

        assertRefused(m, command, kind, message);
        assertThat(m.state().tokensIndex()).isEqualTo(3);
    }

    @Test
    void tokenFromAnAuthMethodCannotBeCloned() {
        AclToken login = new AclToken(ACCESSOR, SECRET, "login", List.of(), List.of(), List.of(), List.of(), false,
                "kubernetes", null, NOW, "h", 2, 2);
        AclStateMachine m = new AclStateMachine();
        m.restore(new AclState(Map.of(ACCESSOR, login), Map.of(SECRET, ACCESSOR), Map.of(), Map.of(), 2, 0, 2, 0));

        assertRefused(m, clone(NOW, ACCESSOR, ""), Kind.INVALID, "Cannot clone a token created from an auth method");
    }

    @Test
    void deleteRemovesTheTokenAndMovesTheTableIndex() {
        AclStateMachine m = withToken();

        assertThat(m.apply(new AclCommand.TokenDelete(ACCESSOR, ""), 6)).isEqualTo(Boolean.TRUE);

        assertThat(m.state().token(ACCESSOR)).isEmpty();
        assertThat(m.state().tokenBySecret(SECRET)).isEmpty();
        assertThat(m.state().tokensIndex()).isEqualTo(6);
    }

    static Stream<Arguments> deleteRefusals() {
        return Stream.of(
                refusal("malformed accessor", new AclCommand.TokenDelete("abc", ""), Kind.INVALID,
                        "Accessor ID is missing or an invalid UUID"),
                refusal("missing accessor", new AclCommand.TokenDelete("", ""), Kind.INVALID,
                        "Accessor ID is missing or an invalid UUID"),
                refusal("anonymous token", new AclCommand.TokenDelete(AclToken.ANONYMOUS_ACCESSOR_ID, ""),
                        Kind.INVALID, "Delete operation not permitted on the anonymous token"),
                refusal("the caller's own token", new AclCommand.TokenDelete(ACCESSOR, ACCESSOR), Kind.INVALID,
                        "Deletion of the request's authorization token is not permitted"),
                refusal("unknown token", new AclCommand.TokenDelete(UNKNOWN_ID, ACCESSOR), Kind.NOT_FOUND,
                        "Cannot find token to delete"));
    }

    @ParameterizedTest
    @MethodSource("deleteRefusals")
    void deleteRefusesWithConsulsMessage(AclCommand command, Kind kind, String message) {
        AclStateMachine m = withToken();

        assertRefused(m, command, kind, message);
        assertThat(m.state().token(ACCESSOR)).isPresent();
        assertThat(m.state().tokensIndex()).isEqualTo(3);
    }

    private static Arguments refusal(String name, AclCommand command, Kind kind, String message) {
        return Arguments.of(Named.of(name, command), kind, message);
    }

    private static void assertRefused(AclStateMachine m, AclCommand command, Kind kind, String message) {
        AclException e = Fixtures.refusal(m, command, m.state().index() + 1);
        assertThat(e.kind()).as("%s", command).isEqualTo(kind);
        assertThat(e).as("%s", command).hasMessage(message);
    }
}
