package dev.attache.acl.state;

import static dev.attache.acl.state.Fixtures.NOW;
import static dev.attache.acl.state.Fixtures.POLICY_ID;
import static dev.attache.acl.state.Fixtures.POLICY_ID_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replication from a primary datacenter's state machine to a secondary's: {@link ReplicationBatch} taken from the
 * primary's state, applied in the secondary as {@link AclCommand.Replicate}.
 */
class ReplicateTest {
    private static final String GLOBAL_1 = "a1111111-2222-4333-8444-555555555555";
    private static final String GLOBAL_1_SECRET = "a2111111-2222-4333-8444-555555555555";
    private static final String GLOBAL_2 = "b1111111-2222-4333-8444-555555555555";
    private static final String GLOBAL_2_SECRET = "b2111111-2222-4333-8444-555555555555";
    private static final String PRIMARY_LOCAL = "c1111111-2222-4333-8444-555555555555";
    private static final String PRIMARY_LOCAL_SECRET = "c2111111-2222-4333-8444-555555555555";
    private static final String SECONDARY_LOCAL = "d1111111-2222-4333-8444-555555555555";
    private static final String SECONDARY_LOCAL_SECRET = "d2111111-2222-4333-8444-555555555555";

    /**
     * The primary at index 6: builtin policies and the anonymous token (1), policies node-read (2) and svc (3),
     * global tokens GLOBAL_1 (4, linked, with identities and a TTL) and GLOBAL_2 (5), and a Local token (6).
     */
    private static AclStateMachine primary() {
        AclStateMachine m = Fixtures.initialized();
        m.apply(new AclCommand.PolicyCreate(POLICY_ID, Fixtures.policy("node-read")), 2);
        m.apply(new AclCommand.PolicyCreate(POLICY_ID_2, new PolicySpec("svc", "services", "service_prefix \"\" {}",
                List.of("dc1", "dc2"))), 3);
        Fixtures.create(m, Fixtures.spec().accessor(GLOBAL_1).secret(GLOBAL_1_SECRET).description("agent")
                .policies(PolicyLink.ofId(POLICY_ID), new PolicyLink("", "svc"))
                .services(new ServiceIdentity("web", List.of("dc2"))).nodes(new NodeIdentity("n1", "dc2"))
                .ttl(Duration.ofHours(1)).build(), 4);
        Fixtures.create(m, Fixtures.spec().accessor(GLOBAL_2).secret(GLOBAL_2_SECRET).build(), 5);
        Fixtures.create(m, Fixtures.spec().accessor(PRIMARY_LOCAL).secret(PRIMARY_LOCAL_SECRET).local(true)
                .build(), 6);
        return m;
    }

    /** A secondary with only its own Local token, at index 1. */
    private static AclStateMachine secondary() {
        AclStateMachine m = new AclStateMachine();
        Fixtures.create(m, Fixtures.spec().accessor(SECONDARY_LOCAL).secret(SECONDARY_LOCAL_SECRET).local(true)
                .description("dc2 only").build(), 1);
        return m;
    }

    private static void replicate(AclStateMachine primary, AclStateMachine secondary, long minIndex, long index) {
        assertThat(secondary.apply(new AclCommand.Replicate(ReplicationBatch.since(primary.state(), minIndex,
                true)), index)).isEqualTo(Boolean.TRUE);
    }

    @Test
    void firstRoundCopiesPoliciesAndGlobalTokensWithTheSecondarysIndexes() {
        AclStateMachine primary = primary();
        AclStateMachine secondary = secondary();
        AclToken ownLocal = secondary.state().token(SECONDARY_LOCAL).orElseThrow();

        replicate(primary, secondary, 0, 10);

        AclState s = secondary.state();
        assertThat(s.policies()).hasSize(4);
        for (AclPolicy p : primary.state().policies()) {
            assertThat(s.policy(p.id())).hasValue(new AclPolicy(p.id(), p.name(), p.description(), p.rules(),
                    p.datacenters(), p.hash(), 10, 10));
        }
        List<AclToken> globals = primary.state().tokens().stream().filter(t -> !t.local()).toList();
        assertThat(globals).hasSize(3);
        for (AclToken t : globals) {
            assertThat(s.token(t.accessorId())).hasValue(TokenCommands.withIndexes(t, 10, 10));
            assertThat(s.tokenBySecret(t.secretId())).hasValue(TokenCommands.withIndexes(t, 10, 10));
        }
        assertThat(s.token(GLOBAL_1).orElseThrow().secretId()).isEqualTo(GLOBAL_1_SECRET);
        assertThat(s.token(AclToken.ANONYMOUS_ACCESSOR_ID)).isPresent();
        assertThat(s.policyByName("SVC").map(AclPolicy::id)).hasValue(POLICY_ID_2);
        assertThat(s.token(SECONDARY_LOCAL)).hasValue(ownLocal);
        assertThat(s.tokenBySecret(SECONDARY_LOCAL_SECRET)).hasValue(ownLocal);
        assertThat(s.token(PRIMARY_LOCAL)).as("Local tokens stay in their datacenter").isEmpty();
        assertThat(s.tokenBySecret(PRIMARY_LOCAL_SECRET)).isEmpty();
        assertThat(s.tokens()).hasSize(4);
        assertThat(s.tokensIndex()).isEqualTo(10);
        assertThat(s.policiesIndex()).isEqualTo(10);
        assertThat(s.index()).isEqualTo(10);
    }

    @Test
    void thePrimarysBootstrapCarriesOverToTheCopy() {
        AclStateMachine primary = primary();
        AclStateMachine secondary = secondary();
        replicate(primary, secondary, 0, 10);
        assertThat(secondary.state().bootstrapped()).as("the primary is not bootstrapped yet").isFalse();

        primary.apply(new AclCommand.Bootstrap(NOW, "e1111111-2222-4333-8444-555555555555",
                "e2111111-2222-4333-8444-555555555555", true, -1), 20);
        ReplicationBatch batch = ReplicationBatch.since(primary.state(), 10, true);
        assertThat(batch.bootstrapped()).isTrue();
        assertThat(ReplicationBatch.decode(batch.encode())).isEqualTo(batch);
        secondary.apply(new AclCommand.Replicate(batch), 21);
        assertThat(secondary.state().bootstrapped()).isTrue();
        assertThat(secondary.state().bootstrapIndex()).isEqualTo(21);
    }

    @Test
    void changesTellsWhetherApplyingWouldChangeTheCopy() {
        AclStateMachine primary = primary();
        AclStateMachine secondary = secondary();
        assertThat(ReplicationBatch.since(primary.state(), 0, true).changes(secondary.state())).isTrue();
        replicate(primary, secondary, 0, 10);
        assertThat(ReplicationBatch.since(primary.state(), 0, true).changes(secondary.state())).isFalse();
        primary.apply(new AclCommand.PolicyDelete(POLICY_ID_2), 20);
        assertThat(ReplicationBatch.since(primary.state(), 10, true).changes(secondary.state()))
                .as("a delete in the primary").isTrue();
    }

    @Test
    void unchangedBatchChangesNothing() {
        AclStateMachine primary = primary();
        AclStateMachine secondary = secondary();
        replicate(primary, secondary, 0, 10);
        AclState before = secondary.state();

        replicate(primary, secondary, 0, 11);
        replicate(primary, secondary, 6, 12);

        AclState after = secondary.state();
        assertThat(after.tokens()).isEqualTo(before.tokens());
        assertThat(after.policies()).isEqualTo(before.policies());
        assertThat(after.tokensIndex()).isEqualTo(10);
        assertThat(after.policiesIndex()).isEqualTo(10);
        assertThat(after.index()).isEqualTo(12);
    }

    @Test
    void updatesArriveWithANewModifyIndexAndKeepTheCreateIndex() {
        AclStateMachine primary = primary();
        AclStateMachine secondary = secondary();
        replicate(primary, secondary, 0, 10);
        long replicated = ReplicationBatch.since(primary.state(), 0, true).index();

        primary.apply(new AclCommand.PolicyUpdate(POLICY_ID_2, new PolicySpec("svc-renamed", "services",
                "service_prefix \"\" {}", List.of("dc1", "dc2"))), 7);
        primary.apply(new AclCommand.TokenUpdate(NOW, GLOBAL_2, Fixtures.spec().accessor(GLOBAL_2)
                .secret(GLOBAL_2_SECRET).description("renamed").build()), 8);
        replicate(primary, secondary, replicated, 20);

        AclState s = secondary.state();
        AclPolicy policy = s.policy(POLICY_ID_2).orElseThrow();
        assertThat(policy.name()).isEqualTo("svc-renamed");
        assertThat(policy.hash()).isEqualTo(primary.state().policy(POLICY_ID_2).orElseThrow().hash());
        assertThat(policy.createIndex()).isEqualTo(10);
        assertThat(policy.modifyIndex()).isEqualTo(20);
        assertThat(s.policyByName("svc")).isEmpty();
        assertThat(s.policyByName("svc-renamed")).hasValue(policy);
        AclToken token = s.token(GLOBAL_2).orElseThrow();
        assertThat(token.description()).isEqualTo("renamed");
        assertThat(token).isEqualTo(TokenCommands.withIndexes(primary.state().token(GLOBAL_2).orElseThrow(), 10,
                20));
        assertThat(s.token(GLOBAL_1).orElseThrow().modifyIndex()).as("unchanged in the primary").isEqualTo(10);
        assertThat(s.policy(POLICY_ID).orElseThrow().modifyIndex()).isEqualTo(10);
        assertThat(s.tokensIndex()).isEqualTo(20);
        assertThat(s.policiesIndex()).isEqualTo(20);
    }

    @Test
    void deletesInThePrimaryReachTheSecondary() {
        AclStateMachine primary = primary();
        AclStateMachine secondary = secondary();
        replicate(primary, secondary, 0, 10);
        long replicated = ReplicationBatch.since(primary.state(), 0, true).index();

        primary.apply(new AclCommand.TokenDelete(GLOBAL_2, ""), 7);
        primary.apply(new AclCommand.PolicyDelete(POLICY_ID), 8);
        ReplicationBatch batch = ReplicationBatch.since(primary.state(), replicated, true);
        assertThat(batch.tokens()).isEmpty();
        assertThat(batch.policies()).isEmpty();
        secondary.apply(new AclCommand.Replicate(batch), 20);

        AclState s = secondary.state();
        assertThat(s.token(GLOBAL_2)).isEmpty();
        assertThat(s.tokenBySecret(GLOBAL_2_SECRET)).isEmpty();
        assertThat(s.policy(POLICY_ID)).isEmpty();
        assertThat(s.policyByName("node-read")).isEmpty();
        assertThat(s.token(GLOBAL_1)).isPresent();
        assertThat(s.token(SECONDARY_LOCAL)).isPresent();
        assertThat(s.tokensIndex()).isEqualTo(20);
        assertThat(s.policiesIndex()).isEqualTo(20);
    }

    @Test
    void sinceCarriesOnlyLaterChangesButEveryId() {
        AclState p = primary().state();

        ReplicationBatch batch = ReplicationBatch.since(p, 3, true);

        assertThat(batch.index()).isEqualTo(6);
        assertThat(batch.policies()).isEmpty();
        assertThat(batch.policyIds()).containsExactly(AclPolicy.GLOBAL_MANAGEMENT_ID, AclPolicy.GLOBAL_READ_ONLY_ID,
                POLICY_ID, POLICY_ID_2);
        assertThat(batch.tokensIncluded()).isTrue();
        assertThat(batch.tokens()).extracting(AclToken::accessorId).containsExactly(GLOBAL_1, GLOBAL_2);
        assertThat(batch.tokens()).extracting(AclToken::secretId).containsExactly(GLOBAL_1_SECRET, GLOBAL_2_SECRET);
        assertThat(batch.tokenIds()).containsExactly(AclToken.ANONYMOUS_ACCESSOR_ID, GLOBAL_1, GLOBAL_2);

        ReplicationBatch second = ReplicationBatch.since(p, 2, false);
        assertThat(second.policies()).extracting(AclPolicy::id).containsExactly(POLICY_ID_2);
        assertThat(second.tokensIncluded()).isFalse();
        assertThat(second.tokens()).isEmpty();
        assertThat(second.tokenIds()).isEmpty();
    }

    @Test
    void sinceIncludesTokensTheClockHasExpired() {
        AclStateMachine primary = primary();
        AclToken withTtl = primary.state().token(GLOBAL_1).orElseThrow();
        assertThat(withTtl.expiredAt(NOW.plus(Duration.ofHours(2)))).isTrue();

        assertThat(ReplicationBatch.since(primary.state(), 0, true).tokens()).contains(withTtl);
    }

    @Test
    void batchWithoutTokensLeavesTokensAlone() {
        AclStateMachine primary = primary();
        AclStateMachine secondary = secondary();
        replicate(primary, secondary, 0, 10);
        AclState before = secondary.state();

        primary.apply(new AclCommand.TokenDelete(GLOBAL_2, ""), 7);
        primary.apply(new AclCommand.PolicyDelete(POLICY_ID), 8);
        secondary.apply(new AclCommand.Replicate(ReplicationBatch.since(primary.state(), 0, false)), 20);

        AclState s = secondary.state();
        assertThat(s.policy(POLICY_ID)).isEmpty();
        assertThat(s.policiesIndex()).isEqualTo(20);
        assertThat(s.tokens()).isEqualTo(before.tokens());
        assertThat(s.tokensIndex()).isEqualTo(10);
    }

    @Test
    void renameRaceKeepsTheNameIndexAndTheCreateIndex() {
        AclStateMachine primary = Fixtures.initialized();
        primary.apply(new AclCommand.PolicyCreate(POLICY_ID_2, Fixtures.policy("alpha")), 2);
        AclStateMachine secondary = secondary();
        replicate(primary, secondary, 0, 10);

        // POLICY_ID sorts before POLICY_ID_2, so the secondary meets the new "alpha" before the renamed one
        primary.apply(new AclCommand.PolicyUpdate(POLICY_ID_2, Fixtures.policy("beta")), 3);
        primary.apply(new AclCommand.PolicyCreate(POLICY_ID, Fixtures.policy("alpha")), 4);
        replicate(primary, secondary, 2, 20);

        AclState s = secondary.state();
        assertThat(s.policyByName("alpha").map(AclPolicy::id)).hasValue(POLICY_ID);
        assertThat(s.policyByName("beta").map(AclPolicy::id)).hasValue(POLICY_ID_2);
        assertThat(s.policy(POLICY_ID_2).orElseThrow().createIndex()).isEqualTo(10);
        assertThat(s.policy(POLICY_ID_2).orElseThrow().modifyIndex()).isEqualTo(20);
        assertThat(s.policy(POLICY_ID).orElseThrow().createIndex()).isEqualTo(20);
        assertThat(s.policies()).hasSize(4);
    }

    @Test
    void batchTokenCollidingWithALocalTokenIsSkipped() {
        AclStateMachine secondary = secondary();
        AclToken ownLocal = secondary.state().token(SECONDARY_LOCAL).orElseThrow();
        AclToken sameSecret = TokenCommands.withHash(new AclToken(GLOBAL_1, SECONDARY_LOCAL_SECRET, "", null, null,
                null, null, false, "", null, NOW, "", 4, 4));
        AclToken sameAccessor = TokenCommands.withHash(new AclToken(SECONDARY_LOCAL, GLOBAL_2_SECRET, "", null,
                null, null, null, false, "", null, NOW, "", 5, 5));

        secondary.apply(new AclCommand.Replicate(new ReplicationBatch(5, List.of(), List.of(), true,
                List.of(sameSecret, sameAccessor), List.of(GLOBAL_1, SECONDARY_LOCAL))), 10);

        AclState s = secondary.state();
        assertThat(s.tokens()).containsExactly(ownLocal);
        assertThat(s.tokenBySecret(SECONDARY_LOCAL_SECRET)).hasValue(ownLocal);
        assertThat(s.tokenBySecret(GLOBAL_2_SECRET)).isEmpty();
        assertThat(s.tokensIndex()).isEqualTo(1);
    }

    @Test
    void localOnlyReapLeavesGlobalTokensToThePrimary() {
        AclStateMachine primary = primary();
        AclStateMachine secondary = new AclStateMachine();
        replicate(primary, secondary, 0, 1);
        Fixtures.create(secondary, Fixtures.spec().accessor(SECONDARY_LOCAL).secret(SECONDARY_LOCAL_SECRET)
                .local(true).ttl(Duration.ofMinutes(30)).build(), 2);
        Instant later = NOW.plus(Duration.ofHours(2));

        secondary.apply(new AclCommand.ReapExpired(later, true), 3);

        assertThat(secondary.state().token(SECONDARY_LOCAL)).isEmpty();
        assertThat(secondary.state().token(GLOBAL_1)).as("expired, but the primary's to reap").isPresent();
        assertThat(secondary.state().tokensIndex()).isEqualTo(3);

        secondary.apply(new AclCommand.ReapExpired(later), 4);

        assertThat(secondary.state().token(GLOBAL_1)).isEmpty();
    }

    @Test
    void replicateCommandRoundTripsThroughTheCodec() {
        AclCodec codec = new AclCodec();
        AclCommand command = new AclCommand.Replicate(ReplicationBatch.since(primary().state(), 0, true));

        byte[] bytes = codec.encodeCommand(command);
        AclStateMachine viaCodec = secondary();
        AclStateMachine direct = secondary();
        codec.applyEncoded(viaCodec, bytes, 10);
        direct.apply(command, 10);

        assertThat(codec.decodeCommand(bytes)).isEqualTo(command);
        assertThat(codec.encodeSnapshot(viaCodec.state())).isEqualTo(codec.encodeSnapshot(direct.state()));
    }

    @Test
    void batchRoundTripsThroughItsEncoding() {
        ReplicationBatch batch = ReplicationBatch.since(primary().state(), 0, true);

        byte[] bytes = batch.encode();

        assertThat(ReplicationBatch.decode(bytes)).isEqualTo(batch);
        assertThat(ReplicationBatch.decode(bytes).encode()).isEqualTo(bytes);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"secretId\":\"" + GLOBAL_1_SECRET + "\"")
                .contains("\"createTime\":\"2025-05-01T10:00:00.123456789Z\"").doesNotContain("\n");
        assertThat(ReplicationBatch.decode("{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ReplicationBatch(0, null, null, false, null, null));
    }

    @Test
    void malformedBatchIsRefused() {
        String localToken = new String(ReplicationBatch.since(primary().state(), 0, true).encode(),
                StandardCharsets.UTF_8).replace("\"local\":false", "\"local\":true");

        for (String json : List.of("", "null", "[1]", "{\"index\":\"x\"}", "{\"policies\":[null]}",
                "{\"tokens\":[{\"accessorId\":\"a\"}],\"tokenIds\":[\"a\"]}",
                "{\"policies\":[{\"id\":\"p\"}],\"policyIds\":[]}", localToken)) {
            assertThatThrownBy(() -> ReplicationBatch.decode(json.getBytes(StandardCharsets.UTF_8)))
                    .as(json).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("malformed ACL replication batch");
        }
    }
}
