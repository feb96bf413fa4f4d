package dev.attache.acl.state;

import static dev.attache.acl.state.Fixtures.NOW;

import dev.attache.acl.AclException;
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import java.time.Duration;
import java.util.List;

/** A fixed command sequence touching every command, refusals included, for snapshot and determinism tests. */
final class Scenario {
    private static final String T1 = "11111111-2222-4333-8444-555555555555";
    private static final String T2 = "21111111-2222-4333-8444-555555555555";
    private static final String T3 = "31111111-2222-4333-8444-555555555555";
    private static final String S1 = "41111111-2222-4333-8444-555555555555";
    private static final String S2 = "51111111-2222-4333-8444-555555555555";
    private static final String S3 = "61111111-2222-4333-8444-555555555555";
    private static final String P2 = "71111111-2222-4333-8444-555555555555";

    private Scenario() {
    }

    static List<AclCommand> commands() {
        return List.of(
                new AclCommand.Initialize(NOW, Fixtures.ROOT_ACCESSOR, Fixtures.ROOT_SECRET),
                new AclCommand.Bootstrap(NOW, T1, S1, false, -1),
                new AclCommand.Bootstrap(NOW, T1, S1, false, 1),
                new AclCommand.PolicyCreate(Fixtures.POLICY_ID, Fixtures.policy("node-read")),
                new AclCommand.PolicyCreate(P2, new PolicySpec("svc", "services", "service_prefix \"\" {}",
                        List.of("dc2", "dc1"))),
                new AclCommand.TokenCreate(NOW, new TokenSpec(T2, true, S2, true, "agent", List.of(
                        new PolicyLink("", "node-read"), PolicyLink.ofId(P2)), null,
                        List.of(new ServiceIdentity("web", List.of("dc1"))), List.of(new NodeIdentity("n1", "dc1")),
                        false, null, Duration.ofHours(2))),
                new AclCommand.TokenCreate(NOW, new TokenSpec(T3, false, S3, false, "bad", List.of(
                        new PolicyLink("", "missing")), null, null, null, false, null, null)),
                new AclCommand.PolicyUpdate(P2, new PolicySpec("svc-renamed", "", "x", List.of())),
                new AclCommand.TokenClone(NOW, T2, T3, S3, "clone"),
                new AclCommand.TokenUpdate(NOW, AclPolicy.GLOBAL_READ_ONLY_ID, Fixtures.spec().build()),
                new AclCommand.PolicyDelete(Fixtures.POLICY_ID),
                new AclCommand.TokenDelete(T3, ""),
                new AclCommand.ReapExpired(NOW.plus(Duration.ofHours(3))));
    }

    /** Applies the scenario at indexes 1, 2, ...; refusals are expected and ignored. */
    static AclStateMachine run(AclStateMachine m) {
        long index = 1;
        for (AclCommand c : commands()) {
            try {
                m.apply(c, index);
            } catch (AclException refused) {
                // part of the scenario
            }
            index++;
        }
        return m;
    }
}
