package dev.attache.acl.state;

import static dev.attache.acl.state.Fixtures.NOW;
import static dev.attache.acl.state.Fixtures.POLICY_ID;
import static dev.attache.acl.state.Fixtures.POLICY_ID_2;
import static dev.attache.acl.state.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a successful create stores: normalized links and identities, times, hash and indexes. */
class TokenLinksTest {

    private static AclStateMachine twoPolicies() {
        AclStateMachine m = Fixtures.withPolicy();
        m.apply(new AclCommand.PolicyCreate(POLICY_ID_2, Fixtures.policy("service-read")), 3);
        return m;
    }

    @Test
    void createStoresTheTokenWithEqualIndexesTimeAndHash() {
        AclStateMachine m = Fixtures.withPolicy();

        AclToken t = Fixtures.create(m, spec().description("Agent token for 'node1'").build(), 7);

        assertThat(t.accessorId()).isEqualTo(Fixtures.ACCESSOR);
        assertThat(t.secretId()).isEqualTo(Fixtures.SECRET);
        assertThat(t.createTime()).isEqualTo(NOW);
        assertThat(t.expirationTime()).isNull();
        assertThat(t.createIndex()).isEqualTo(7).isEqualTo(t.modifyIndex());
        assertThat(t.hash()).isEqualTo(AclHashes.tokenHash(t));
        assertThat(m.state().token(Fixtures.ACCESSOR)).contains(t);
        assertThat(m.state().tokenBySecret(Fixtures.SECRET)).contains(t);
        assertThat(m.state().tokensIndex()).isEqualTo(7);
    }

    @Test
    void policyLinksResolveNamesToIdsDeduplicateAndStoreNoNames() {
        AclStateMachine m = twoPolicies();

        AclToken t = Fixtures.create(m, spec().policies(new PolicyLink("", "service-read"),
                new PolicyLink(POLICY_ID, "ignored-name"), new PolicyLink("", "NODE-READ"),
                PolicyLink.ofId(POLICY_ID_2)).build(), 4);

        assertThat(t.policies()).containsExactly(PolicyLink.ofId(POLICY_ID_2), PolicyLink.ofId(POLICY_ID));
        assertThat(m.state().currentPolicyLinks(t)).containsExactly(new PolicyLink(POLICY_ID_2, "service-read"),
                new PolicyLink(POLICY_ID, "node-read"));
    }

    @Test
    void policyLinkByIdIsStoredWithThePolicysOwnId() {
        AclStateMachine m = Fixtures.withPolicy();

        AclToken t = Fixtures.create(m, spec().policies(PolicyLink.ofId(POLICY_ID.toUpperCase())).build(), 3);

        assertThat(t.policies()).containsExactly(PolicyLink.ofId(POLICY_ID));
    }

    @Test
    void policyRenameShowsInLinkNames() {
        AclStateMachine m = Fixtures.withPolicy();
        AclToken t = Fixtures.create(m, spec().policies(PolicyLink.ofId(POLICY_ID)).build(), 3);

        m.apply(new AclCommand.PolicyUpdate(POLICY_ID, Fixtures.policy("node-read-renamed")), 4);

        assertThat(m.state().currentPolicyLinks(m.state().token(t.accessorId()).orElseThrow()))
                .containsExactly(new PolicyLink(POLICY_ID, "node-read-renamed"));
    }

    @Test
    void deletedPolicyLinksAreDroppedOnReadButStayStoredWithTheSameHash() {
        AclStateMachine m = Fixtures.withPolicy();
        AclToken t = Fixtures.create(m, spec().policies(PolicyLink.ofId(POLICY_ID),
                PolicyLink.ofId(AclPolicy.GLOBAL_READ_ONLY_ID)).build(), 3);

        m.apply(new AclCommand.PolicyDelete(POLICY_ID), 4);

        AclToken stored = m.state().token(t.accessorId()).orElseThrow();
        assertThat(stored).isEqualTo(t);
        assertThat(m.state().currentPolicyLinks(stored))
                .containsExactly(new PolicyLink(AclPolicy.GLOBAL_READ_ONLY_ID, "builtin/global-read-only"));
        assertThat(m.state().linkedPolicies(stored)).extracting(AclPolicy::id)
                .containsExactly(AclPolicy.GLOBAL_READ_ONLY_ID);
        assertThat(m.state().tokensIndex()).isEqualTo(3);
    }

    @Test
    void serviceIdentitiesMergeByNameWithSortedDatacenters() {
        AclStateMachine m = Fixtures.initialized();

        AclToken t = Fixtures.create(m, spec().services(new ServiceIdentity("web", List.of("dc2", "dc1")),
                new ServiceIdentity("db", null), new ServiceIdentity("web", List.of("dc3", "dc1"))).build(), 2);

        assertThat(t.serviceIdentities()).containsExactly(new ServiceIdentity("web", List.of("dc1", "dc2", "dc3")),
                new ServiceIdentity("db", List.of()));
    }

    @Test
    void nodeIdentitiesDeduplicateOnNameAndDatacenter() {
        AclStateMachine m = Fixtures.initialized();

        AclToken t = Fixtures.create(m, spec().nodes(new NodeIdentity("node1", "dc1"),
                new NodeIdentity("node1", "dc2"), new NodeIdentity("node1", "dc1")).build(), 2);

        assertThat(t.nodeIdentities()).containsExactly(new NodeIdentity("node1", "dc1"),
                new NodeIdentity("node1", "dc2"));
    }

    @Test
    void emptyAndLocalTokensAreAllowed() {
        AclStateMachine m = Fixtures.initialized();

        AclToken t = Fixtures.create(m, spec().local(true).services(new ServiceIdentity("web", null)).build(), 2);

        assertThat(t.local()).isTrue();
        assertThat(t.policies()).isEmpty();
    }

    @Test
    void ttlBecomesAnExpirationTime() {
        AclStateMachine m = Fixtures.initialized();

        AclToken t = Fixtures.create(m, spec().ttl(Duration.ofMinutes(10)).build(), 2);

        assertThat(t.expirationTime()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    }

    @Test
    void expirationExactlyOneMinuteAheadIsAllowed() {
        AclStateMachine m = Fixtures.initialized();

        AclToken t = Fixtures.create(m, spec().expires(NOW.plusSeconds(60)).build(), 2);

        assertThat(t.expirationTime()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void goZeroExpirationTimeMeansNone() {
        AclStateMachine m = Fixtures.initialized();

        AclToken t = Fixtures.create(m, spec().expires(java.time.Instant.parse("0001-01-01T00:00:00Z")).build(), 2);

        assertThat(t.expirationTime()).isNull();
    }
}
