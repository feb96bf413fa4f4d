package dev.attache.acl.state;

import static dev.attache.acl.state.Fixtures.ACCESSOR;
import static dev.attache.acl.state.Fixtures.NOW;
import static dev.attache.acl.state.Fixtures.POLICY_ID;
import static dev.attache.acl.state.Fixtures.SECRET;
import static dev.attache.acl.state.Fixtures.UNKNOWN_ID;
import static dev.attache.acl.state.Fixtures.policy;
import static dev.attache.acl.state.Fixtures.refusal;
import static dev.attache.acl.state.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import org.junit.jupiter.api.Test;

/**
 * A create committed twice (its first answer lost with its leader, the Raft client resubmits it) answers the first
 * result and changes nothing; the same IDs sent again by a caller, in a new request, are refused as in Consul.
 */
class ReplaysTest {

    @Test
    void aTokenCreateCommittedTwiceAnswersTheTokenOfTheFirst() {
        AclStateMachine m = Fixtures.initialized();
        AclCommand.TokenCreate create = new AclCommand.TokenCreate(NOW, spec().description("once").build());
        AclToken first = (AclToken) m.apply(create, 5);
        AclState after = m.state();

        AclToken again = (AclToken) m.apply(create, 6);

        assertThat(again).isEqualTo(first);
        assertThat(again.createIndex()).isEqualTo(5);
        assertThat(m.state().tokens()).isEqualTo(after.tokens());
        assertThat(m.state().tokensIndex()).isEqualTo(5);
    }

    @Test
    void theSameExplicitIdsInANewRequestAreStillRefused() {
        AclStateMachine m = Fixtures.initialized();
        m.apply(new AclCommand.TokenCreate(NOW, spec().accessor(ACCESSOR).secret(SECRET).build()), 5);
        AclCommand.TokenCreate later = new AclCommand.TokenCreate(NOW.plusMillis(1),
                spec().accessor(ACCESSOR).secret(SECRET).build());
        assertThat(refusal(m, later, 6)).hasMessage("Invalid Token: AccessorID is already in use");
        // the same accessor with another secret is no replay either
        AclCommand.TokenCreate otherSecret = new AclCommand.TokenCreate(NOW,
                spec().accessor(ACCESSOR).secret(UNKNOWN_ID).build());
        assertThat(refusal(m, otherSecret, 7)).hasMessage("Invalid Token: AccessorID is already in use");
    }

    @Test
    void aPolicyCreateCommittedTwiceAnswersThePolicyOfTheFirst() {
        AclStateMachine m = Fixtures.initialized();
        AclCommand.PolicyCreate create = new AclCommand.PolicyCreate(POLICY_ID, policy("node-read"));
        AclPolicy first = (AclPolicy) m.apply(create, 5);
        AclPolicy again = (AclPolicy) m.apply(create, 6);
        assertThat(again).isEqualTo(first);
        assertThat(m.state().policiesIndex()).isEqualTo(5);
        // a new request for the same name has a new ID: refused
        assertThat(refusal(m, new AclCommand.PolicyCreate(UNKNOWN_ID, policy("node-read")), 7).getMessage())
                .contains("already exists");
    }

    @Test
    void aBootstrapCommittedTwiceAnswersTheSameManagementToken() {
        AclStateMachine m = Fixtures.initialized();
        AclCommand.Bootstrap bootstrap = new AclCommand.Bootstrap(NOW, ACCESSOR, SECRET, false, 0);
        AclToken first = (AclToken) m.apply(bootstrap, 5);
        AclToken again = (AclToken) m.apply(bootstrap, 6);
        assertThat(again).isEqualTo(first);
        // a second bootstrap request is refused as before
        assertThat(refusal(m, new AclCommand.Bootstrap(NOW.plusSeconds(1), UNKNOWN_ID, "", false, 0), 7)
                .getMessage()).startsWith("Permission denied: ACL bootstrap no longer allowed");
    }
}
