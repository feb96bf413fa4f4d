package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code -service-identity} / {@code -node-identity} values, and how {@code token update} merges them. */
class AclIdentitiesTest {
    @Test
    void serviceIdentityIsANameWithOptionalDatacenters() {
        assertThat(AclServiceIdentity.parseAll(List.of("web", "db:east,west", "")))
                .containsExactly(new AclServiceIdentity("web", List.of()),
                        new AclServiceIdentity("db", List.of("east", "west")),
                        new AclServiceIdentity("", List.of()));
    }

    @Test
    void nodeIdentityIsANameAndOneDatacenter() {
        assertThat(AclNodeIdentity.parseAll(List.of("node-1:dc1")))
                .containsExactly(new AclNodeIdentity("node-1", "dc1"));
    }

    @Test
    void appendedServiceIdentityReplacesTheSameServiceInPlace() {
        List<AclServiceIdentity> current = List.of(new AclServiceIdentity("web", List.of()),
                new AclServiceIdentity("db", List.of("dc1")));

        assertThat(AclTokenUpdateCommand.mergeServices(current, List.of(new AclServiceIdentity("web", List.of("dc2")),
                new AclServiceIdentity("cache", List.of()))))
                .containsExactly(new AclServiceIdentity("web", List.of("dc2")), new AclServiceIdentity("db", List.of("dc1")),
                        new AclServiceIdentity("cache", List.of()));
    }

    @Test
    void appendedNodeIdentityIsAddedUnlessTheSameNameAndDatacenterIsThere() {
        List<AclNodeIdentity> current = List.of(new AclNodeIdentity("n1", "dc1"));

        assertThat(AclTokenUpdateCommand.mergeNodes(current, List.of(new AclNodeIdentity("n1", "dc1"),
                new AclNodeIdentity("n1", "dc2"))))
                .containsExactly(new AclNodeIdentity("n1", "dc1"), new AclNodeIdentity("n1", "dc2"));
    }
}
