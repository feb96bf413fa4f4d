package dev.attache.acl.state;

import static dev.attache.acl.state.Fixtures.ACCESSOR;
import static dev.attache.acl.state.Fixtures.NOW;
import static dev.attache.acl.state.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.AclException;
import dev.attache.acl.AclException.Kind;
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.PolicyLink;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BootstrapTest {
    private static final String OTHER_ACCESSOR = "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9";
    private static final String OTHER_SECRET = "2c3d4e5f-6071-4829-93a4-b5c6d7e8f901";

    private static AclCommand.Bootstrap bootstrap(long resetIndex) {
        return new AclCommand.Bootstrap(NOW, OTHER_ACCESSOR, OTHER_SECRET, false, resetIndex);
    }

    @Test
    void bootstrapCreatesTheManagementToken() {
        AclStateMachine m = Fixtures.initialized();

        AclToken token = (AclToken) m.apply(new AclCommand.Bootstrap(NOW, ACCESSOR, SECRET, true, -1), 9);

        assertThat(token.accessorId()).isEqualTo(ACCESSOR);
        assertThat(token.secretId()).isEqualTo(SECRET);
        assertThat(token.description()).isEqualTo("Bootstrap Token (Global Management)");
        assertThat(token.policies()).containsExactly(PolicyLink.ofId(AclPolicy.GLOBAL_MANAGEMENT_ID));
        assertThat(token.local()).isFalse();
        assertThat(token.createTime()).isEqualTo(NOW);
        assertThat(token.hash()).isEqualTo("X2AgaFhnQGRhSSF/h0m6qpX1wj/HJWbyXcxkEM/5GrY=");
        assertThat(token.createIndex()).isEqualTo(9);
        assertThat(token.modifyIndex()).isEqualTo(9);
        assertThat(m.state().token(ACCESSOR)).contains(token);
        assertThat(m.state().bootstrapIndex()).isEqualTo(9);
    }

    @Test
    void secondBootstrapIsDeniedWithTheResetIndex() {
        AclStateMachine m = Fixtures.initialized();
        m.apply(new AclCommand.Bootstrap(NOW, ACCESSOR, SECRET, false, -1), 13);

        AclException e = Fixtures.refusal(m, bootstrap(-1), 14);

        assertThat(e.kind()).isEqualTo(Kind.PERMISSION_DENIED);
        assertThat(e).hasMessage("Permission denied: ACL bootstrap no longer allowed (reset index: 13)");
        assertThat(m.state().token(OTHER_ACCESSOR)).isEmpty();
    }

    @Test
    void bootstrapWithTheResetIndexIsAllowedAgainAndMovesTheResetIndex() {
        AclStateMachine m = Fixtures.initialized();
        m.apply(new AclCommand.Bootstrap(NOW, ACCESSOR, SECRET, false, -1), 13);

        AclToken again = (AclToken) m.apply(bootstrap(13), 20);

        assertThat(again.accessorId()).isEqualTo(OTHER_ACCESSOR);
        assertThat(m.state().bootstrapIndex()).isEqualTo(20);
        // a new request with the old reset index (the same command committed again would be a replay)
        AclCommand.Bootstrap stale = new AclCommand.Bootstrap(NOW.plusSeconds(1), ACCESSOR, SECRET, false, 13);
        assertThat(Fixtures.refusal(m, stale, 21))
                .hasMessage("Invalid bootstrap reset index (specified 13, reset index: 20)");
    }

    @Test
    void bootstrapWithAWrongResetIndexIsInvalid() {
        AclStateMachine m = Fixtures.initialized();
        m.apply(new AclCommand.Bootstrap(NOW, ACCESSOR, SECRET, false, -1), 13);

        AclException e = Fixtures.refusal(m, bootstrap(12), 14);

        assertThat(e.kind()).isEqualTo(Kind.INVALID);
        assertThat(e).hasMessage("Invalid bootstrap reset index (specified 12, reset index: 13)");
    }

    @Test
    void initialManagementTokenBlocksBootstrap() {
        AclStateMachine m = new AclStateMachine();
        m.apply(new AclCommand.Initialize(NOW, Fixtures.ROOT_ACCESSOR, Fixtures.ROOT_SECRET), 5);

        assertThat(Fixtures.refusal(m, bootstrap(-1), 6))
                .hasMessage("Permission denied: ACL bootstrap no longer allowed (reset index: 5)");
    }

    @Test
    void resetIndexIsIgnoredBeforeTheFirstBootstrap() {
        AclStateMachine m = Fixtures.initialized();

        assertThat(m.apply(bootstrap(42), 2)).isInstanceOf(AclToken.class);
    }

    static Stream<Arguments> badSecrets() {
        return Stream.of(
                Arguments.of(Named.of("not a UUID", "abc"), "uuid string is wrong length"),
                Arguments.of(Named.of("hyphens misplaced", "3f1e5f868-b1c-4d8a-9c0e-6f2a1b7c9d01"),
                        "uuid is improperly formatted"),
                Arguments.of(Named.of("non-hex", "3f1e5f86-8b1c-4d8a-9c0e-6f2a1b7c9dzz"),
                        "encoding/hex: invalid byte: U+007A 'z'"),
                Arguments.of(Named.of("a used secret", Fixtures.ROOT_SECRET),
                        "Provided token cannot be used because a token with that secret already exists."),
                Arguments.of(Named.of("a used accessor", Fixtures.ROOT_ACCESSOR),
                        "Provided token cannot be used because a token with that secret already exists."),
                Arguments.of(Named.of("reserved", "00000000-0000-0000-0000-000000000099"),
                        "Provided token cannot be used because a token with that secret already exists."));
    }

    @ParameterizedTest
    @MethodSource("badSecrets")
    void bootstrapSecretIsValidated(String secret, String message) {
        AclStateMachine m = Fixtures.initialized();
        m.apply(new AclCommand.TokenCreate(NOW, Fixtures.spec().accessor(Fixtures.ROOT_ACCESSOR)
                .secret(Fixtures.ROOT_SECRET).build()), 2);

        AclException e = Fixtures.refusal(m, new AclCommand.Bootstrap(NOW, ACCESSOR, secret, true, -1), 3);

        assertThat(e.kind()).isEqualTo(Kind.INVALID);
        assertThat(e).hasMessage(message);
        assertThat(m.state().bootstrapped()).isFalse();
    }
}
