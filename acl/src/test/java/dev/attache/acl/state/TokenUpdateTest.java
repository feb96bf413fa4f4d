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
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.PolicyLink;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code PUT /v1/acl/token/<accessor>} (consul-behavior.md §4.5). */
class TokenUpdateTest {
    private static final Instant EXPIRES = NOW.plus(Duration.ofHours(1));

    /** A machine with policy node-read and a token (ACCESSOR/SECRET) expiring in an hour, at index 3. */
    private static AclStateMachine withToken() {
        AclStateMachine m = Fixtures.withPolicy();
        Fixtures.create(m, spec().description("before").policies(PolicyLink.ofId(POLICY_ID)).expires(EXPIRES)
                .build(), 3);
        return m;
    }

    private static Arguments row(String name, String accessor, Fixtures.Spec spec, Kind kind, String message) {
        return Arguments.of(Named.of(name, accessor), spec.build(), kind, message);
    }

    private static Fixtures.Spec keep() {
        Fixtures.Spec s = spec();
        s.secretId = "";
        return s;
    }

    static Stream<Arguments> errorTable() {
        return Stream.of(
                row("accessor not a UUID", "abc", keep(), Kind.INVALID, "AccessorID is not a valid UUID"),
                row("root secret allow", ACCESSOR, keep().secret("allow"), Kind.PERMISSION_DENIED,
                        "Permission denied: Cannot modify root ACL"),
                row("root secret manage", ACCESSOR, keep().secret("manage"), Kind.PERMISSION_DENIED,
                        "Permission denied: Cannot modify root ACL"),
                row("unknown token", UNKNOWN_ID, keep(), Kind.INVALID, "Cannot find token \"" + UNKNOWN_ID + "\""),
                row("another secret", ACCESSOR, keep().secret(UNKNOWN_ID), Kind.INVALID,
                        "Changing a token's SecretID is not permitted"),
                row("local toggled", ACCESSOR, keep().local(true), Kind.INVALID,
                        "Cannot toggle local mode of " + ACCESSOR),
                row("TTL given", ACCESSOR, keep().ttl(Duration.ofMinutes(5)), Kind.INVALID,
                        "Cannot change expiration time of " + ACCESSOR),
                row("negative TTL given", ACCESSOR, keep().ttl(Duration.ofMinutes(-5)), Kind.INVALID,
                        "Cannot change expiration time of " + ACCESSOR),
                row("other expiration time", ACCESSOR, keep().expires(EXPIRES.plusSeconds(1)), Kind.INVALID,
                        "Cannot change expiration time of " + ACCESSOR),
                row("unknown policy", ACCESSOR, keep().policies(new PolicyLink("", "nope")), Kind.INVALID,
                        "No such ACL policy with name \"nope\""),
                row("unknown role", ACCESSOR, keep().roles(PolicyLink.ofId(UNKNOWN_ID)), Kind.INVALID,
                        "No such ACL role with ID \"" + UNKNOWN_ID + "\""));
    }

    @ParameterizedTest
    @MethodSource("errorTable")
    void updateRefusesWithConsulsMessage(String accessor, TokenSpec spec, Kind kind, String message) {
        AclStateMachine m = withToken();
        AclState before = m.state();

        AclException e = Fixtures.refusal(m, new AclCommand.TokenUpdate(NOW, accessor, spec), 4);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e).hasMessage(message);
        assertThat(m.state().tokens()).isEqualTo(before.tokens());
        assertThat(m.state().tokensIndex()).isEqualTo(3);
    }

    @Test
    void expiredTokenCannotBeFound() {
        AclStateMachine m = withToken();

        AclException e = Fixtures.refusal(m, new AclCommand.TokenUpdate(EXPIRES.plusNanos(1), ACCESSOR,
                keep().build()), 4);

        assertThat(e).hasMessage("Cannot find token \"" + ACCESSOR + "\"");
    }

    @Test
    void updateReplacesMutableFieldsAndKeepsTheRest() {
        AclStateMachine m = withToken();
        AclToken before = m.state().token(ACCESSOR).orElseThrow();

        AclToken after = (AclToken) m.apply(new AclCommand.TokenUpdate(NOW.plusSeconds(30), ACCESSOR,
                keep().description("after").build()), 8);

        assertThat(after.description()).isEqualTo("after");
        assertThat(after.policies()).as("omitted links are removed").isEmpty();
        assertThat(after.secretId()).isEqualTo(SECRET);
        assertThat(after.expirationTime()).isEqualTo(EXPIRES);
        assertThat(after.createTime()).isEqualTo(before.createTime());
        assertThat(after.createIndex()).isEqualTo(3);
        assertThat(after.modifyIndex()).isEqualTo(8);
        assertThat(after.hash()).isEqualTo(AclHashes.tokenHash(after)).isNotEqualTo(before.hash());
        assertThat(m.state().token(ACCESSOR)).contains(after);
        assertThat(m.state().tokensIndex()).isEqualTo(8);
    }

    @Test
    void updateWithoutChangesStillMovesModifyIndex() {
        AclStateMachine m = withToken();
        AclToken before = m.state().token(ACCESSOR).orElseThrow();

        AclToken after = (AclToken) m.apply(new AclCommand.TokenUpdate(NOW, ACCESSOR, spec().secret(SECRET)
                .description("before").policies(new PolicyLink("", "node-read")).expires(EXPIRES).build()), 9);

        assertThat(after.hash()).isEqualTo(before.hash());
        assertThat(after.modifyIndex()).isEqualTo(9);
        assertThat(after.createIndex()).isEqualTo(3);
    }

    @Test
    void anonymousTokenCanBeUpdated() {
        AclStateMachine m = Fixtures.initialized();

        AclToken anonymous = (AclToken) m.apply(new AclCommand.TokenUpdate(NOW, AclToken.ANONYMOUS_ACCESSOR_ID,
                keep().description("Anonymous Token").policies(PolicyLink.ofId(AclPolicy.GLOBAL_READ_ONLY_ID))
                        .build()), 2);

        assertThat(anonymous.secretId()).isEqualTo("anonymous");
        assertThat(anonymous.policies()).containsExactly(PolicyLink.ofId(AclPolicy.GLOBAL_READ_ONLY_ID));
        assertThat(m.state().tokenBySecret("anonymous")).contains(anonymous);
    }

    @Test
    void updateFindsTheTokenByUpperCaseAccessor() {
        AclStateMachine m = withToken();

        AclToken after = (AclToken) m.apply(new AclCommand.TokenUpdate(NOW, ACCESSOR.toUpperCase(),
                keep().build()), 4);

        assertThat(after.accessorId()).isEqualTo(ACCESSOR);
        assertThat(m.state().tokens()).filteredOn(t -> t.accessorId().equalsIgnoreCase(ACCESSOR)).hasSize(1);
    }
}
