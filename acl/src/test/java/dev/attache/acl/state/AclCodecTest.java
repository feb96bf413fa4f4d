package dev.attache.acl.state;

import static dev.attache.acl.state.Fixtures.NOW;
import static dev.attache.acl.state.Fixtures.POLICY_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.acl.AclException;
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AclCodecTest {
    private final AclCodec codec = new AclCodec();

    private static final TokenSpec FULL_SPEC = new TokenSpec(Fixtures.ACCESSOR, true, Fixtures.SECRET, false,
            "d\u00e9scription \"quoted\"", List.of(new PolicyLink(POLICY_ID, "node-read"), new PolicyLink("", "x")),
            List.of(new PolicyLink("", "role")), List.of(new ServiceIdentity("web", List.of("dc1", "dc2"))),
            List.of(new NodeIdentity("n1", "dc1")), true, NOW.plusNanos(1), Duration.ofMinutes(90).plusNanos(7));

    static Stream<Named<AclCommand>> everyCommand() {
        return Stream.of(
                Named.of("Initialize", new AclCommand.Initialize(NOW, Fixtures.ROOT_ACCESSOR, Fixtures.ROOT_SECRET)),
                Named.of("Initialize without secret", new AclCommand.Initialize(NOW, "", "")),
                Named.of("Bootstrap", new AclCommand.Bootstrap(NOW, Fixtures.ACCESSOR, Fixtures.SECRET, true, 13)),
                Named.of("TokenCreate", new AclCommand.TokenCreate(NOW, FULL_SPEC)),
                Named.of("TokenCreate minimal", new AclCommand.TokenCreate(NOW, Fixtures.spec().build())),
                Named.of("TokenUpdate", new AclCommand.TokenUpdate(NOW, Fixtures.ACCESSOR, FULL_SPEC)),
                Named.of("TokenClone", new AclCommand.TokenClone(NOW, Fixtures.ACCESSOR, Fixtures.ROOT_ACCESSOR,
                        Fixtures.ROOT_SECRET, "copy")),
                Named.of("TokenDelete", new AclCommand.TokenDelete(Fixtures.ACCESSOR, Fixtures.ROOT_ACCESSOR)),
                Named.of("PolicyCreate", new AclCommand.PolicyCreate(POLICY_ID, new PolicySpec("n", "d",
                        BuiltinPolicies.GLOBAL_MANAGEMENT_RULES, List.of("dc1")))),
                Named.of("PolicyUpdate", new AclCommand.PolicyUpdate(POLICY_ID, Fixtures.policy("n"))),
                Named.of("PolicyDelete", new AclCommand.PolicyDelete(POLICY_ID)),
                Named.of("ReapExpired", new AclCommand.ReapExpired(NOW.plusSeconds(1))),
                Named.of("ReapExpired local only", new AclCommand.ReapExpired(NOW.plusSeconds(1), true)),
                Named.of("Replicate", new AclCommand.Replicate(ReplicationBatch.since(
                        Scenario.run(new AclStateMachine()).state(), 0, true))),
                Named.of("Replicate policies only", new AclCommand.Replicate(ReplicationBatch.since(
                        Scenario.run(new AclStateMachine()).state(), 4, false))));
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void commandRoundTripsExactly(AclCommand command) {
        byte[] bytes = codec.encodeCommand(command);

        assertThat(codec.decodeCommand(bytes)).isEqualTo(command);
        assertThat(codec.encodeCommand(codec.decodeCommand(bytes))).isEqualTo(bytes);
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .startsWith("{\"type\":\"" + command.getClass().getSimpleName() + "\"")
                .doesNotContain("\n");
    }

    @Test
    void reapExpiredEncodedBeforeLocalOnlyExistedReapsEverything() {
        AclCommand decoded = codec.decodeCommand("{\"type\":\"ReapExpired\",\"now\":\"2025-05-01T10:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(decoded).isEqualTo(new AclCommand.ReapExpired(Instant.parse("2025-05-01T10:00:00Z"),
                false));
    }

    @Test
    void instantsAndDurationsKeepFullPrecision() {
        String json = new String(codec.encodeCommand(new AclCommand.TokenCreate(NOW, FULL_SPEC)),
                StandardCharsets.UTF_8);

        assertThat(json).contains("\"now\":\"2025-05-01T10:00:00.123456789Z\"")
                .contains("\"expirationTtl\":\"PT1H30M0.000000007S\"");
    }

    @Test
    void tokenResultRoundTripsWithoutDerivedProperties() {
        AclToken token = Fixtures.initialized().state().token(AclToken.ANONYMOUS_ACCESSOR_ID).orElseThrow();

        byte[] bytes = codec.encodeResult(token);

        assertThat(codec.decodeResult(bytes)).isEqualTo(token);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("\"anonymous\":");
    }

    @Test
    void policyAndBooleanResultsRoundTrip() {
        AclPolicy policy = BuiltinPolicies.definitions().get(0);

        assertThat(codec.decodeResult(codec.encodeResult(policy))).isEqualTo(policy);
        assertThat(codec.decodeResult(codec.encodeResult(Boolean.TRUE))).isEqualTo(Boolean.TRUE);
    }

    @Test
    void refusalIsRethrownWithTheSameKindAndMessage() {
        byte[] bytes = codec.encodeResult(AclException.permissionDenied(
                "Permission denied: ACL bootstrap no longer allowed (reset index: 13)"));

        assertThatThrownBy(() -> codec.decodeResult(bytes)).isInstanceOf(AclException.class)
                .hasMessage("Permission denied: ACL bootstrap no longer allowed (reset index: 13)")
                .extracting(e -> ((AclException) e).kind()).isEqualTo(AclException.Kind.PERMISSION_DENIED);
    }

    @Test
    void applyEncodedReturnsTheResultOrTheRefusal() {
        AclStateMachine m = Fixtures.initialized();

        byte[] ok = codec.applyEncoded(m, codec.encodeCommand(new AclCommand.PolicyCreate(POLICY_ID,
                Fixtures.policy("node-read"))), 2);
        byte[] refused = codec.applyEncoded(m, codec.encodeCommand(new AclCommand.PolicyDelete(
                Fixtures.UNKNOWN_ID)), 3);

        assertThat(codec.decodeResult(ok)).isEqualTo(m.state().policy(POLICY_ID).orElseThrow());
        assertThatThrownBy(() -> codec.decodeResult(refused)).hasMessage("Cannot find policy to delete")
                .extracting(e -> ((AclException) e).kind()).isEqualTo(AclException.Kind.NOT_FOUND);
    }

    @Test
    void populatedSnapshotRoundTrips() {
        AclState state = Scenario.run(new AclStateMachine()).state();

        byte[] bytes = codec.encodeSnapshot(state);
        AclState restored = codec.decodeSnapshot(bytes);

        assertThat(restored.tokens()).isEqualTo(state.tokens()).hasSizeGreaterThan(2);
        assertThat(restored.policies()).isEqualTo(state.policies()).hasSizeGreaterThan(2);
        assertThat(restored.index()).isEqualTo(state.index());
        assertThat(restored.tokensIndex()).isEqualTo(state.tokensIndex());
        assertThat(restored.policiesIndex()).isEqualTo(state.policiesIndex());
        assertThat(restored.bootstrapIndex()).isEqualTo(state.bootstrapIndex()).isPositive();
        assertThat(restored.tokenBySecret("anonymous")).isPresent();
        assertThat(restored.policyByName("GLOBAL-management")).isPresent();
        assertThat(codec.encodeSnapshot(restored)).isEqualTo(bytes);
    }

    @Test
    void restoredSnapshotKeepsWorkingAsAStateMachine() {
        AclStateMachine original = Scenario.run(new AclStateMachine());
        AclStateMachine restored = new AclStateMachine();
        restored.restore(codec.decodeSnapshot(codec.encodeSnapshot(original.state())));

        AclCommand next = new AclCommand.Bootstrap(NOW, Fixtures.UNKNOWN_ID, Fixtures.POLICY_ID_2, false, -1);
        AclException a = Fixtures.refusal(original, next, 100);
        AclException b = Fixtures.refusal(restored, next, 100);

        assertThat(b).hasMessage(a.getMessage());
        assertThat(codec.encodeSnapshot(restored.state())).isEqualTo(codec.encodeSnapshot(original.state()));
    }

    @Test
    void commandWithMissingFieldsIsRefusedWithConsulsMessage() {
        AclStateMachine m = Fixtures.initialized();
        AclCommand delete = codec.decodeCommand("{\"type\":\"TokenDelete\"}".getBytes(StandardCharsets.UTF_8));
        AclCommand clone = codec.decodeCommand("{\"type\":\"TokenClone\",\"now\":\"2025-05-01T10:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(Fixtures.refusal(m, delete, 2)).hasMessage("Accessor ID is missing or an invalid UUID");
        assertThat(Fixtures.refusal(m, clone, 3))
                .hasMessage("failed acl token lookup: index error: UUID must be 36 characters");
    }

    @Test
    void malformedBytesAreRefused() {
        assertThatThrownBy(() -> codec.decodeCommand("{\"type\":\"Nope\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decodeSnapshot("{\"version\":99}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 99");
        assertThatThrownBy(() -> codec.decodeResult("null".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
