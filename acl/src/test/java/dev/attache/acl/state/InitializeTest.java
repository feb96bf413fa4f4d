package dev.attache.acl.state;

import static dev.attache.acl.state.Fixtures.NOW;
import static dev.attache.acl.state.Fixtures.ROOT_ACCESSOR;
import static dev.attache.acl.state.Fixtures.ROOT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.PolicyLink;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitializeTest {

    @Test
    void initializeCreatesBuiltinPoliciesWithExactTextAndHashes() {
        AclStateMachine m = Fixtures.initialized();

        AclPolicy management = m.state().policy(AclPolicy.GLOBAL_MANAGEMENT_ID).orElseThrow();
        assertThat(management.name()).isEqualTo("global-management");
        assertThat(management.description())
                .isEqualTo("A built-in policy that grants read and write access to all Consul features");
        assertThat(management.rules()).isEqualTo(BuiltinPolicies.GLOBAL_MANAGEMENT_RULES);
        assertThat(management.hash()).isEqualTo("+TzVGrd3uSVx3Bl8FV5O0BsKc1idAee6ZpEw9WDfaW8=");
        assertThat(management.createIndex()).isEqualTo(1);

        AclPolicy readOnly = m.state().policyByName("builtin/global-read-only").orElseThrow();
        assertThat(readOnly.id()).isEqualTo(AclPolicy.GLOBAL_READ_ONLY_ID);
        assertThat(readOnly.description())
                .isEqualTo("A built-in policy that grants read-only access to all Consul features");
        assertThat(readOnly.hash()).isEqualTo("4jtyawyzzig+Ys5HfPI91O3UHLHiXtPlNG7aHEmlesk=");
    }

    @Test
    void initializeCreatesTheAnonymousToken() {
        AclStateMachine m = Fixtures.initialized();

        AclToken anonymous = m.state().tokenBySecret("anonymous").orElseThrow();
        assertThat(anonymous.accessorId()).isEqualTo("00000000-0000-0000-0000-000000000002");
        assertThat(anonymous.description()).isEqualTo("Anonymous Token");
        assertThat(anonymous.policies()).isEmpty();
        assertThat(anonymous.local()).isFalse();
        assertThat(anonymous.createTime()).isEqualTo(NOW);
        assertThat(anonymous.hash()).isEqualTo("RNVFSWnfd5DUOuB8vplp+imivlIna3fKQVnkUHh21cA=");
        assertThat(anonymous.createIndex()).isEqualTo(1);
        assertThat(anonymous.modifyIndex()).isEqualTo(1);
        assertThat(m.state().tokensIndex()).isEqualTo(1);
        assertThat(m.state().policiesIndex()).isEqualTo(1);
        assertThat(m.state().bootstrapped()).isFalse();
    }

    @Test
    void initialManagementTokenIsCreatedAndCountsAsBootstrap() {
        AclStateMachine m = new AclStateMachine();
        assertThat(m.apply(new AclCommand.Initialize(NOW, ROOT_ACCESSOR, ROOT_SECRET), 3)).isEqualTo(Boolean.TRUE);

        AclToken root = m.state().tokenBySecret(ROOT_SECRET).orElseThrow();
        assertThat(root.accessorId()).isEqualTo(ROOT_ACCESSOR);
        assertThat(root.description()).isEqualTo("Initial Management Token");
        assertThat(root.policies()).containsExactly(PolicyLink.ofId(AclPolicy.GLOBAL_MANAGEMENT_ID));
        assertThat(m.state().currentPolicyLinks(root))
                .containsExactly(new PolicyLink(AclPolicy.GLOBAL_MANAGEMENT_ID, "global-management"));
        assertThat(root.hash()).isEqualTo(AclHashes.tokenHash(root));
        assertThat(m.state().bootstrapIndex()).isEqualTo(3);
    }

    @Test
    void initializeTwiceChangesNothingAndKeepsTableIndexes() {
        AclStateMachine m = new AclStateMachine();
        m.apply(new AclCommand.Initialize(NOW, ROOT_ACCESSOR, ROOT_SECRET), 1);
        AclState first = m.state();

        Object result = m.apply(new AclCommand.Initialize(NOW.plusSeconds(60), "other-accessor", ROOT_SECRET), 2);

        assertThat(result).isEqualTo(Boolean.TRUE);
        AclState second = m.state();
        assertThat(second.tokens()).isEqualTo(first.tokens());
        assertThat(second.policies()).isEqualTo(first.policies());
        assertThat(second.tokensIndex()).isEqualTo(1);
        assertThat(second.policiesIndex()).isEqualTo(1);
        assertThat(second.bootstrapIndex()).isEqualTo(1);
        assertThat(second.index()).isEqualTo(2);
    }

    @Test
    void initializeKeepsRenamedBuiltinPolicy() {
        AclStateMachine m = Fixtures.initialized();
        m.apply(new AclCommand.PolicyUpdate(AclPolicy.GLOBAL_MANAGEMENT_ID, new PolicySpec("root-power", "mine",
                BuiltinPolicies.GLOBAL_MANAGEMENT_RULES, List.of())), 2);

        m.apply(new AclCommand.Initialize(NOW, "", ""), 3);

        AclPolicy management = m.state().policy(AclPolicy.GLOBAL_MANAGEMENT_ID).orElseThrow();
        assertThat(management.name()).isEqualTo("root-power");
        assertThat(management.description()).isEqualTo("mine");
        assertThat(management.modifyIndex()).isEqualTo(2);
        assertThat(m.state().policiesIndex()).isEqualTo(2);
    }

    @Test
    void initialManagementAfterBootstrapIsCreatedWithoutMovingTheBootstrapIndex() {
        AclStateMachine m = Fixtures.initialized();
        m.apply(new AclCommand.Bootstrap(NOW, Fixtures.ACCESSOR, Fixtures.SECRET, false, -1), 2);

        m.apply(new AclCommand.Initialize(NOW, ROOT_ACCESSOR, ROOT_SECRET), 3);

        assertThat(m.state().tokenBySecret(ROOT_SECRET)).isPresent();
        assertThat(m.state().bootstrapIndex()).isEqualTo(2);
        assertThat(m.state().tokensIndex()).isEqualTo(3);
    }

    @Test
    void initialManagementSecretOfAnonymousNamesTheAnonymousToken() {
        AclStateMachine m = new AclStateMachine();

        m.apply(new AclCommand.Initialize(NOW, ROOT_ACCESSOR, "anonymous"), 1);

        assertThat(m.state().tokens()).extracting(AclToken::accessorId)
                .containsExactly(AclToken.ANONYMOUS_ACCESSOR_ID);
        assertThat(m.state().bootstrapped()).isFalse();
    }
}
