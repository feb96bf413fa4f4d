package dev.attache.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PermissionDeniedExceptionTest {

    @Test
    void namedResourceMessageNamesAccessorAndResource() {
        AclIdentity who = new AclIdentity("3e2f", false, Authorizers.denyAll());
        assertThatThrownBy(() -> who.require(Resource.AGENT, AccessLevel.READ, "node1"))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessage("Permission denied: token with AccessorID '3e2f' lacks permission 'agent:read' on \"node1\"");
    }

    @Test
    void globalResourceMessageHasNoName() {
        AclIdentity who = new AclIdentity("abc", false, Authorizers.denyAll());
        assertThatThrownBy(() -> who.require(Resource.OPERATOR, AccessLevel.WRITE, "ignored"))
                .hasMessage("Permission denied: token with AccessorID 'abc' lacks permission 'operator:write'");
    }

    @Test
    void anonymousMessageExplainsImplicitToken() {
        AclIdentity who = new AclIdentity(AclIdentity.ANONYMOUS_ACCESSOR_ID, true, Authorizers.denyAll());
        assertThatThrownBy(() -> who.require(Resource.NODE, AccessLevel.WRITE, "node1"))
                .hasMessage("Permission denied: anonymous token lacks permission 'node:write' on \"node1\". "
                        + "The anonymous token is used implicitly when a request does not specify a token.");
    }

    @Test
    void aclsDisabledAllowsEverything() {
        AclIdentity who = AclIdentity.aclsDisabled();
        for (Resource r : Resource.values()) {
            for (AccessLevel l : AccessLevel.values()) {
                assertThat(who.authorizer().allows(r, l, "x")).isTrue();
            }
        }
    }

    @Test
    void levelsAreOrdered() {
        assertThat(AccessLevel.WRITE.satisfies(AccessLevel.READ)).isTrue();
        assertThat(AccessLevel.LIST.satisfies(AccessLevel.READ)).isTrue();
        assertThat(AccessLevel.READ.satisfies(AccessLevel.WRITE)).isFalse();
        assertThat(AccessLevel.WRITE.satisfies(AccessLevel.DENY)).isFalse();
    }
}
