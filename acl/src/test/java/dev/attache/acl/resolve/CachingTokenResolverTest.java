package dev.attache.acl.resolve;

import static dev.attache.acl.resolve.ResolverFixture.ACCESSOR;
import static dev.attache.acl.resolve.ResolverFixture.ACCESSOR_2;
import static dev.attache.acl.resolve.ResolverFixture.MGMT_SECRET;
import static dev.attache.acl.resolve.ResolverFixture.POLICY;
import static dev.attache.acl.resolve.ResolverFixture.SECRET;
import static dev.attache.acl.resolve.ResolverFixture.SECRET_2;
import static dev.attache.acl.resolve.ResolverFixture.T0;
import static dev.attache.acl.resolve.ResolverFixture.UNKNOWN;
import static dev.attache.acl.resolve.ResolverFixture.ok;
import static dev.attache.acl.resolve.ResolverFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.AccessLevel;
import dev.attache.acl.AclException;
import dev.attache.acl.AclIdentity;
import dev.attache.acl.DefaultPolicy;
import dev.attache.acl.DownPolicy;
import dev.attache.acl.Resource;
import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.PolicySpec;
import dev.attache.acl.state.TokenSpec;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a secret resolves to, and how the cache follows the state. TTL and down policies: the State test. */
class CachingTokenResolverTest {
    final ResolverFixture f = new ResolverFixture();

    @Test
    void aTokenGetsItsPoliciesThenTheDefaultPolicy() {
        f.initialize();
        f.policy("agent \"node1\" { policy = \"read\" }");
        f.tokenWithPolicy();
        for (DefaultPolicy d : DefaultPolicy.values()) {
            AclIdentity id = ok(f.server(d).resolve(SECRET));
            assertThat(id.accessorId()).isEqualTo(ACCESSOR);
            assertThat(id.anonymous()).isFalse();
            assertThat(id.authorizer().allows(Resource.AGENT, AccessLevel.READ, "node1")).isTrue();
            assertThat(id.authorizer().allows(Resource.AGENT, AccessLevel.WRITE, "node1")).isFalse();
            assertThat(id.authorizer().allows(Resource.NODE, AccessLevel.WRITE, "node1"))
                    .isEqualTo(d == DefaultPolicy.ALLOW);
            assertThat(id.authorizer().allows(Resource.ACL, AccessLevel.READ, null)).as("Q14").isFalse();
        }
        AclIdentity mgmt = ok(f.server(DefaultPolicy.DENY).resolve(MGMT_SECRET));
        assertThat(mgmt.authorizer().allows(Resource.ACL, AccessLevel.WRITE, null)).isTrue();
        assertThat(mgmt.authorizer().allows(Resource.KEY, AccessLevel.WRITE, "any/key")).isTrue();
    }

    @Test
    void theRulesOfAllLinkedPoliciesMerge() {
        f.initialize();
        f.policy("node \"db\" { policy = \"read\" }");
        String other = "7e2c8b6f-1d4e-4f3a-8b9c-0d1e2f3a4b5c";
        f.apply(new AclCommand.PolicyCreate(other, new PolicySpec("q", "",
                "node_prefix \"\" { policy = \"write\" }", List.of())));
        f.token(SECRET, ACCESSOR, List.of(PolicyLink.ofId(POLICY), PolicyLink.ofId(other)), List.of(), List.of(),
                null);
        AclIdentity id = ok(f.server(DefaultPolicy.DENY).resolve(SECRET));
        assertThat(id.authorizer().allows(Resource.NODE, AccessLevel.WRITE, "db")).isFalse();
        assertThat(id.authorizer().allows(Resource.NODE, AccessLevel.READ, "db")).isTrue();
        assertThat(id.authorizer().allows(Resource.NODE, AccessLevel.WRITE, "dbx")).isTrue();
    }

    @Test
    void noSecretMeansTheDefaultTokenThenAnonymous() {
        f.initialize();
        f.token(SECRET, ACCESSOR, List.of(), List.of(), List.of(), null);
        AclIdentity anon = ok(f.server(DefaultPolicy.DENY).resolve(""));
        assertThat(anon.accessorId()).isEqualTo(AclToken.ANONYMOUS_ACCESSOR_ID);
        assertThat(anon.anonymous()).isTrue();
        assertThat(ok(f.server(DefaultPolicy.DENY).resolve(null)).anonymous()).isTrue();
        assertThat(ok(f.server(DefaultPolicy.DENY).resolve("anonymous")).anonymous()).isTrue();
        CachingTokenResolver withDefault = f.resolver(DefaultPolicy.DENY, DownPolicy.EXTEND_CACHE, Duration.ZERO,
                SECRET, "");
        assertThat(ok(withDefault.resolve("")).accessorId()).isEqualTo(ACCESSOR);
        assertThat(ok(withDefault.resolve(MGMT_SECRET)).accessorId()).as("a given secret wins")
                .isEqualTo(ResolverFixture.MGMT_ACCESSOR);
    }

    @Test
    void theAnonymousTokensPoliciesApply() {
        f.initialize();
        f.policy("operator = \"read\"");
        f.apply(new AclCommand.TokenUpdate(T0, AclToken.ANONYMOUS_ACCESSOR_ID, new TokenSpec(
                "", false, "", false, "Anonymous Token", List.of(PolicyLink.ofId(POLICY)),
                List.of(), List.of(), List.of(), false, null, null)));
        AclIdentity anon = ok(f.server(DefaultPolicy.DENY).resolve(""));
        assertThat(anon.anonymous()).isTrue();
        assertThat(anon.authorizer().allows(Resource.OPERATOR, AccessLevel.READ, null)).isTrue();
        assertThat(anon.authorizer().allows(Resource.OPERATOR, AccessLevel.WRITE, null)).isFalse();
    }

    @Test
    void anonymousIsUsableBeforeTheStateIsInitialized() {
        AclIdentity anon = ok(f.server(DefaultPolicy.ALLOW).resolve(""));
        assertThat(anon.anonymous()).isTrue();
        assertThat(anon.accessorId()).isEqualTo("00000000-0000-0000-0000-000000000002");
        assertThat(anon.authorizer().allows(Resource.AGENT, AccessLevel.WRITE, "node1")).isTrue();
        assertThat(anon.authorizer().allows(Resource.ACL, AccessLevel.READ, null)).isFalse();
        assertThat(ok(f.server(DefaultPolicy.DENY).resolve("")).authorizer()
                .allows(Resource.AGENT, AccessLevel.READ, "node1")).isFalse();
    }

    @Test
    void rootPolicyNamesAreRefused() {
        f.initialize();
        for (String root : List.of("allow", "deny", "manage")) {
            AclException e = refused(f.server(DefaultPolicy.DENY).resolve(root));
            assertThat(e.kind()).isEqualTo(AclException.Kind.INVALID);
            assertThat(e.getMessage()).isEqualTo("Cannot resolve root ACL");
        }
        // also as the default token, as in Consul (the default token is substituted first)
        assertThat(refused(f.resolver(DefaultPolicy.DENY, DownPolicy.DENY, Duration.ZERO, "manage", "").resolve(""))
                .getMessage()).isEqualTo("Cannot resolve root ACL");
        assertThat(f.fetches).hasValue(0);
    }

    @Test
    void anUnknownTokenIsNotFoundAndTheMessageSaysWhenNothingWasBootstrapped() {
        f.apply(new AclCommand.Initialize(T0, "", "")); // not bootstrapped
        AclException early = refused(f.server(DefaultPolicy.DENY).resolve(SECRET));
        assertThat(early.kind()).isEqualTo(AclException.Kind.ACL_NOT_FOUND);
        assertThat(early.getMessage()).isEqualTo("ACL system must be bootstrapped before making any requests that "
                + "require authorization: ACL not found");
        f.apply(new AclCommand.Bootstrap(T0, "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e", MGMT_SECRET, true, -1));
        AclException unknown = refused(f.server(DefaultPolicy.DENY).resolve(SECRET));
        assertThat(unknown.kind()).isEqualTo(AclException.Kind.ACL_NOT_FOUND);
        assertThat(unknown.getMessage()).isEqualTo("ACL not found");
    }

    @Test
    void expiryIsCheckedOnEveryResolveEvenFromTheCache() {
        f.initialize();
        f.token(SECRET, ACCESSOR, List.of(), List.of(), List.of(), f.clock.instant().plus(Duration.ofMinutes(10)));
        CachingTokenResolver r = f.server(DefaultPolicy.DENY);
        assertThat(ok(r.resolve(SECRET)).accessorId()).isEqualTo(ACCESSOR);
        f.clock.advance(Duration.ofMinutes(10));
        assertThat(ok(r.resolve(SECRET)).accessorId()).as("valid at its exact expiration").isEqualTo(ACCESSOR);
        f.clock.advance(Duration.ofNanos(1));
        long index = f.machine.state().index();
        AclException e = refused(r.resolve(SECRET));
        assertThat(f.machine.state().index()).as("the state did not change").isEqualTo(index);
        assertThat(e.kind()).isEqualTo(AclException.Kind.ACL_NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("ACL not found");
        // and a fresh resolver, which never cached it, agrees
        assertThat(refused(f.server(DefaultPolicy.DENY).resolve(SECRET)).getMessage()).isEqualTo("ACL not found");
    }

    @Test
    void theAgentRecoveryTokenResolvesWithoutTheState() {
        f.down.set(new IllegalStateException("no servers"));
        String recovery = "0f0f0f0f-1e1e-4d2d-8c3c-4b4b4b4b4b4b";
        for (DefaultPolicy d : DefaultPolicy.values()) {
            CachingTokenResolver r = f.resolver(d, DownPolicy.DENY, Duration.ofSeconds(30), "", recovery);
            AclIdentity id = ok(r.resolve(recovery));
            assertThat(id.accessorId()).isEqualTo("agent-recovery:node1");
            assertThat(id.anonymous()).isFalse();
            assertThat(id.authorizer().allows(Resource.AGENT, AccessLevel.WRITE, "node1")).isTrue();
            assertThat(id.authorizer().allows(Resource.AGENT, AccessLevel.READ, "node2")).isFalse();
            assertThat(id.authorizer().allows(Resource.NODE, AccessLevel.READ, "node2")).isTrue();
            assertThat(id.authorizer().allows(Resource.NODE, AccessLevel.WRITE, "node1")).isFalse();
            assertThat(id.authorizer().allows(Resource.OPERATOR, AccessLevel.READ, null)).isFalse();
            assertThat(id.authorizer().allows(Resource.SERVICE, AccessLevel.READ, "s")).isFalse();
            assertThat(ok(r.resolve(recovery))).isSameAs(id);
        }
        assertThat(f.fetches).hasValue(0);
    }

    @Test
    void anEmptyRecoveryTokenMatchesNothing() {
        f.initialize();
        CachingTokenResolver r = f.resolver(DefaultPolicy.DENY, DownPolicy.DENY, Duration.ZERO, "", "");
        assertThat(ok(r.resolve("")).anonymous()).isTrue();
        assertThat(refused(r.resolve("agent-recovery:node1")).kind()).isEqualTo(AclException.Kind.ACL_NOT_FOUND);
    }

    @Test
    void identitiesGrantTheirSyntheticPoliciesInTheirDatacenters() {
        f.initialize();
        f.token(SECRET, ACCESSOR, List.of(), List.of(new ServiceIdentity("web", List.of()),
                new ServiceIdentity("db", List.of("dc2"))), List.of(new NodeIdentity("n7", "dc1"),
                new NodeIdentity("n9", "dc2")), null);
        AclIdentity id = ok(f.server(DefaultPolicy.DENY).resolve(SECRET));
        assertThat(id.authorizer().allows(Resource.SERVICE, AccessLevel.WRITE, "web")).isTrue();
        assertThat(id.authorizer().allows(Resource.SERVICE, AccessLevel.WRITE, "web-sidecar-proxy")).isTrue();
        assertThat(id.authorizer().allows(Resource.SERVICE, AccessLevel.READ, "other")).isTrue();
        assertThat(id.authorizer().allows(Resource.SERVICE, AccessLevel.WRITE, "db")).as("dc2 only").isFalse();
        assertThat(id.authorizer().allows(Resource.NODE, AccessLevel.WRITE, "n7")).isTrue();
        assertThat(id.authorizer().allows(Resource.NODE, AccessLevel.WRITE, "n9")).as("dc2 only").isFalse();
        assertThat(id.authorizer().allows(Resource.NODE, AccessLevel.READ, "n8")).isTrue();
        assertThat(id.authorizer().allows(Resource.KEY, AccessLevel.READ, "k")).isFalse();
    }

    @Test
    void policiesOfOtherDatacentersDoNotApply() {
        f.initialize();
        f.policy("operator = \"write\"", List.of("dc2"));
        f.tokenWithPolicy();
        assertThat(ok(f.server(DefaultPolicy.DENY).resolve(SECRET)).authorizer()
                .allows(Resource.OPERATOR, AccessLevel.READ, null)).isFalse();
        f.policy("operator = \"write\"", List.of("dc2", "dc1"));
        assertThat(ok(f.server(DefaultPolicy.DENY).resolve(SECRET)).authorizer()
                .allows(Resource.OPERATOR, AccessLevel.READ, null)).isTrue();
    }

    @Test
    void theCacheFollowsTheState() {
        f.initialize();
        f.policy("node_prefix \"\" { policy = \"read\" }");
        f.tokenWithPolicy();
        CachingTokenResolver r = f.server(DefaultPolicy.DENY);
        AclIdentity first = ok(r.resolve(SECRET));
        assertThat(ok(r.resolve(SECRET))).isSameAs(first);
        assertThat(first.authorizer().allows(Resource.NODE, AccessLevel.WRITE, "n")).isFalse();

        f.policy("node_prefix \"\" { policy = \"write\" }");
        AclIdentity after = ok(r.resolve(SECRET));
        assertThat(after).isNotSameAs(first);
        assertThat(after.authorizer().allows(Resource.NODE, AccessLevel.WRITE, "n")).isTrue();

        f.apply(new AclCommand.PolicyDelete(POLICY));
        assertThat(ok(r.resolve(SECRET)).authorizer().allows(Resource.NODE, AccessLevel.READ, "n")).isFalse();
        f.apply(new AclCommand.TokenDelete(ACCESSOR, ""));
        assertThat(refused(r.resolve(SECRET)).kind()).isEqualTo(AclException.Kind.ACL_NOT_FOUND);
    }

    @Test
    void aHitIsTheSameCompletedFuture() {
        f.initialize();
        f.policy("node_prefix \"\" { policy = \"read\" }");
        f.tokenWithPolicy();
        CachingTokenResolver server = f.server(DefaultPolicy.DENY);
        assertThat(server.resolve(SECRET)).isSameAs(server.resolve(SECRET));
        CachingTokenResolver client = f.client(DefaultPolicy.DENY, DownPolicy.EXTEND_CACHE);
        ok(client.resolve(SECRET));
        assertThat(client.resolve(SECRET)).isSameAs(client.resolve(SECRET));
    }

    @Test
    void eachPolicyIsCompiledOncePerModifyIndex() {
        f.initialize();
        f.policy("node_prefix \"\" { policy = \"read\" }");
        f.tokenWithPolicy();
        f.token(SECRET_2, ACCESSOR_2, List.of(PolicyLink.ofId(POLICY)), List.of(), List.of(), null);
        CachingTokenResolver r = f.server(DefaultPolicy.DENY);
        ok(r.resolve(SECRET));
        ok(r.resolve(SECRET_2));
        assertThat(r.compilations()).as("one policy, two tokens").isEqualTo(1);
        // an unrelated write moves the index: identities are rebuilt, the policy is not recompiled
        f.token(UNKNOWN, "dededede-cdcd-4efe-8f0f-101010101010", List.of(), List.of(), List.of(), null);
        AclIdentity again = ok(r.resolve(SECRET));
        assertThat(again.authorizer().allows(Resource.NODE, AccessLevel.READ, "n")).isTrue();
        assertThat(r.compilations()).isEqualTo(1);
        f.policy("node_prefix \"\" { policy = \"write\" }");
        ok(r.resolve(SECRET));
        ok(r.resolve(SECRET_2));
        assertThat(r.compilations()).as("recompiled once after the update").isEqualTo(2);
    }
}
