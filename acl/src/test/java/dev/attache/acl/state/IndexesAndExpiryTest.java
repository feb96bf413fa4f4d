package dev.attache.acl.state;

import static dev.attache.acl.state.Fixtures.ACCESSOR;
import static dev.attache.acl.state.Fixtures.NOW;
import static dev.attache.acl.state.Fixtures.POLICY_ID;
import static dev.attache.acl.state.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.PolicyLink;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Raft indexes on entries and tables, copy-on-write snapshots, and expiry. */
class IndexesAndExpiryTest {
    private static final String OTHER_ACCESSOR = "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9";
    private static final String OTHER_SECRET = "2c3d4e5f-6071-4829-93a4-b5c6d7e8f901";

    @Test
    void modifyIndexGrowsAndCreateIndexStays() {
        AclStateMachine m = Fixtures.withPolicy();
        AclToken created = Fixtures.create(m, spec().build(), 3);
        AclToken updated = (AclToken) m.apply(new AclCommand.TokenUpdate(NOW, ACCESSOR, spec().secret(
                Fixtures.SECRET).build()), 10);

        assertThat(created.createIndex()).isEqualTo(created.modifyIndex()).isEqualTo(3);
        assertThat(updated.createIndex()).isEqualTo(3);
        assertThat(updated.modifyIndex()).isEqualTo(10);
        assertThat(m.state().tokensIndex()).isEqualTo(10);
        assertThat(m.state().policiesIndex()).isEqualTo(2);
    }

    @Test
    void tableIndexesCountDeletes() {
        AclStateMachine m = Fixtures.withPolicy();
        Fixtures.create(m, spec().build(), 3);

        m.apply(new AclCommand.TokenDelete(ACCESSOR, ""), 4);
        m.apply(new AclCommand.PolicyDelete(POLICY_ID), 5);

        assertThat(m.state().tokensIndex()).isEqualTo(4);
        assertThat(m.state().policiesIndex()).isEqualTo(5);
        assertThat(m.state().index()).isEqualTo(5);
    }

    @Test
    void refusedCommandAdvancesOnlyTheCommandIndex() {
        AclStateMachine m = Fixtures.withPolicy();
        AclState before = m.state();

        Fixtures.refusal(m, new AclCommand.PolicyDelete(Fixtures.UNKNOWN_ID), 7);

        AclState after = m.state();
        assertThat(after.index()).isEqualTo(7);
        assertThat(after.tokensIndex()).isEqualTo(before.tokensIndex());
        assertThat(after.policiesIndex()).isEqualTo(before.policiesIndex());
        assertThat(after.tokens()).isEqualTo(before.tokens());
        assertThat(after.policies()).isEqualTo(before.policies());
    }

    @Test
    void heldSnapshotsNeverChange() {
        AclStateMachine m = Fixtures.withPolicy();
        AclState held = m.state();

        Fixtures.create(m, spec().policies(PolicyLink.ofId(POLICY_ID)).build(), 3);
        m.apply(new AclCommand.PolicyDelete(POLICY_ID), 4);

        assertThat(held.token(ACCESSOR)).isEmpty();
        assertThat(held.policy(POLICY_ID)).isPresent();
        assertThat(held.index()).isEqualTo(2);
        assertThat(m.state()).isNotSameAs(held);
    }

    @Test
    void reapDeletesOnlyTokensExpiredBeforeNow() {
        AclStateMachine m = Fixtures.initialized();
        Instant soon = NOW.plus(Duration.ofMinutes(2));
        Fixtures.create(m, spec().expires(soon).build(), 2);
        m.apply(new AclCommand.TokenCreate(NOW, new TokenSpec(OTHER_ACCESSOR, false, OTHER_SECRET, false, "", null,
                null, null, null, false, null, Duration.ofHours(1))), 3);

        assertThat(m.apply(new AclCommand.ReapExpired(soon), 4)).isEqualTo(Boolean.TRUE);
        assertThat(m.state().token(ACCESSOR)).as("valid at its exact expiration instant").isPresent();
        assertThat(m.state().tokensIndex()).isEqualTo(3);

        m.apply(new AclCommand.ReapExpired(soon.plusNanos(1)), 5);

        assertThat(m.state().token(ACCESSOR)).isEmpty();
        assertThat(m.state().token(OTHER_ACCESSOR)).isPresent();
        assertThat(m.state().token(AclToken.ANONYMOUS_ACCESSOR_ID)).isPresent();
        assertThat(m.state().tokensIndex()).isEqualTo(5);
    }

    @Test
    void reapWithNothingExpiredKeepsTheTablesIndex() {
        AclStateMachine m = Fixtures.initialized();
        Fixtures.create(m, spec().ttl(Duration.ofMinutes(5)).build(), 2);

        m.apply(new AclCommand.ReapExpired(NOW.plusSeconds(10)), 3);

        assertThat(m.state().tokensIndex()).isEqualTo(2);
        assertThat(m.state().index()).isEqualTo(3);
    }

    @Test
    void expiryIsStrictlyAfterTheExpirationTime() {
        AclToken t = new AclToken("a", "s", "", null, null, null, null, false, "", NOW, NOW, "", 1, 1);

        assertThat(t.expiredAt(NOW)).isFalse();
        assertThat(t.expiredAt(NOW.plusNanos(1))).isTrue();
    }
}
