package dev.attache.acl.state;

import static dev.attache.acl.state.Fixtures.ACCESSOR;
import static dev.attache.acl.state.Fixtures.POLICY_ID;
import static dev.attache.acl.state.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.acl.AclException;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import org.junit.jupiter.api.Test;

/** The read side: lookups that behave like Consul's indexes. */
class AclStateTest {

    @Test
    void findTokenRefusesMalformedAccessorsLikeATokenRead() {
        AclState s = Fixtures.initialized().state();

        assertThatThrownBy(() -> s.findToken("abc")).isInstanceOf(AclException.class)
                .hasMessage("failed acl token lookup: index error: UUID must be 36 characters")
                .extracting(e -> ((AclException) e).kind()).isEqualTo(AclException.Kind.INVALID);
        assertThatThrownBy(() -> s.findToken("xxxxxxxx-0000-0000-0000-000000000002"))
                .hasMessage("failed acl token lookup: index error: invalid UUID: encoding/hex: invalid byte: "
                        + "U+0078 'x'");
        assertThat(s.findToken(Fixtures.UNKNOWN_ID)).isEmpty();
        assertThat(s.findToken(AclToken.ANONYMOUS_ACCESSOR_ID)).isPresent();
        assertThat(s.token("abc")).isEmpty();
    }

    @Test
    void findPolicyRefusesMalformedIdsLikeAPolicyRead() {
        AclState s = Fixtures.withPolicy().state();

        assertThatThrownBy(() -> s.findPolicy("node-read"))
                .hasMessage("failed acl policy lookup: index error: UUID must be 36 characters");
        assertThat(s.findPolicy(POLICY_ID.toUpperCase())).map(p -> p.name()).contains("node-read");
    }

    @Test
    void policyNamesMatchCaseInsensitively() {
        AclState s = Fixtures.withPolicy().state();

        assertThat(s.policyByName("NODE-read")).map(p -> p.id()).contains(POLICY_ID);
        assertThat(s.policyByName("node")).isEmpty();
    }

    @Test
    void tokensLinkedToListsTokensOfOnePolicy() {
        AclStateMachine m = Fixtures.withPolicy();
        Fixtures.create(m, spec().policies(PolicyLink.ofId(POLICY_ID)).build(), 3);
        AclState s = m.state();

        assertThat(s.tokensLinkedTo(POLICY_ID)).extracting(AclToken::accessorId).containsExactly(ACCESSOR);
        assertThat(s.tokensLinkedTo(POLICY_ID.toUpperCase())).hasSize(1);
        assertThat(s.tokensLinkedTo(Fixtures.UNKNOWN_ID)).isEmpty();
        assertThatThrownBy(() -> s.tokensLinkedTo("node-read"))
                .hasMessage("failed acl token lookup: index error: UUID must be 36 characters");
    }

    @Test
    void tokensWithServiceIdentityMatchesNamesCaseInsensitively() {
        AclStateMachine m = Fixtures.initialized();
        Fixtures.create(m, spec().services(new ServiceIdentity("web", null)).build(), 2);

        assertThat(m.state().tokensWithServiceIdentity("WEB")).extracting(AclToken::accessorId)
                .containsExactly(ACCESSOR);
        assertThat(m.state().tokensWithServiceIdentity("db")).isEmpty();
    }

    @Test
    void tokensAreSortedByAccessor() {
        AclStateMachine m = Fixtures.initialized();
        Fixtures.create(m, spec().build(), 2);

        assertThat(m.state().tokens()).extracting(AclToken::accessorId)
                .containsExactly(AclToken.ANONYMOUS_ACCESSOR_ID, ACCESSOR);
    }
}
