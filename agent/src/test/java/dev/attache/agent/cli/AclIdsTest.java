package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** ID prefixes and names as Consul's {@code command/acl} helpers resolve them. */
class AclIdsTest {
    private final AtomicInteger listings = new AtomicInteger();

    private AclIds.Listing<AclTokenListEntry> tokens(String... accessors) {
        return () -> {
            listings.incrementAndGet();
            return List.of(accessors).stream().map(AclIdsTest::entry).toList();
        };
    }

    private static AclTokenListEntry entry(String accessor) {
        return new AclTokenListEntry(1, 1, accessor, "", "", null, null, null, null, null, false, "", null, null,
                null, "", "", "");
    }

    private AclIds.Listing<AclPolicyListEntry> policies(String... ids) {
        return () -> {
            listings.incrementAndGet();
            return List.of(ids).stream()
                    .map(id -> new AclPolicyListEntry(id, "p-" + id, "", null, null, 1, 1, "", "")).toList();
        };
    }

    @Test
    void uniqueTokenPrefixResolvesToTheFullAccessor() throws Exception {
        assertThat(AclIds.tokenAccessor("4be5", tokens("4be56c77-8244-4c7d-b08c-667b8c71baed",
                "00000000-0000-0000-0000-000000000002"))).isEqualTo("4be56c77-8244-4c7d-b08c-667b8c71baed");
    }

    @Test
    void ambiguousOrUnknownTokenPrefixIsConsulsError() {
        assertThatThrownBy(() -> AclIds.tokenAccessor("4b", tokens("4be5-a", "4bff-b")))
                .isInstanceOf(AclIds.ResolveException.class).hasMessage("Partial token ID is not unique");
        assertThatThrownBy(() -> AclIds.tokenAccessor("ff", tokens("4be5-a")))
                .isInstanceOf(AclIds.ResolveException.class).hasMessage("No such token ID with prefix: ff");
    }

    @Test
    void anonymousAndFullLengthIdsNeedNoListing() throws Exception {
        assertThat(AclIds.tokenAccessor("anonymous", tokens())).isEqualTo("00000000-0000-0000-0000-000000000002");
        String full = "not-a-uuid-but-thirty-six-characters";
        assertThat(full).hasSize(36);
        assertThat(AclIds.tokenAccessor(full, tokens())).isEqualTo(full);
        assertThat(listings).hasValue(0);
    }

    @Test
    void listingFailureIsPassedOn() {
        AgentClient.RequestException down = new AgentClient.RequestException("Unexpected response code: 403 (ACL not found)", 403);

        assertThatThrownBy(() -> AclIds.tokenAccessor("4b", () -> {
            throw down;
        })).isSameAs(down);
    }

    @Test
    void builtinPolicyNamesAndIdsResolveWithoutListing() throws Exception {
        assertThat(AclIds.policyId("global-management", policies())).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(AclIds.policyId("builtin/global-read-only", policies()))
                .isEqualTo("00000000-0000-0000-0000-000000000002");
        assertThat(AclIds.policyId("00000000-0000-0000-0000-000000000001", policies()))
                .isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(listings).hasValue(0);
    }

    @Test
    void policyPrefixResolvesOrFailsWithConsulsMessages() throws Exception {
        AclIds.Listing<AclPolicyListEntry> list = policies("b52fc3de-5a1e-4e64-a1f3-6b2a10d1b9c4",
                "b5300000-0000-4000-8000-000000000000");

        assertThat(AclIds.policyId("b52f", list)).isEqualTo("b52fc3de-5a1e-4e64-a1f3-6b2a10d1b9c4");
        assertThatThrownBy(() -> AclIds.policyId("b5", list)).hasMessage("Partial policy ID is not unique");
        assertThatThrownBy(() -> AclIds.policyId("c", list)).hasMessage("No such policy ID with prefix: c");
    }

    @Test
    void policyByNameDistinguishesMissingFromFailedReads() throws Exception {
        AclPolicy web = AclPolicy.request("1d2c3b4a-0000-4000-8000-000000000000", "web", "", "", null);

        assertThat(AclIds.policyIdByName("web", name -> Optional.of(web))).isEqualTo(web.id());
        assertThatThrownBy(() -> AclIds.policyIdByName("web", name -> Optional.empty()))
                .hasMessage("No such policy with name: web");
        assertThatThrownBy(() -> AclIds.policyByName("web", name -> {
            throw new AgentClient.RequestException("Unexpected response code: 500 (boom)", 500);
        })).hasMessage("Failed to find policy with name web: Unexpected response code: 500 (boom)");
    }
}
