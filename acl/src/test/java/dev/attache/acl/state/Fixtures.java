package dev.attache.acl.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.attache.acl.AclException;
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Shared values and builders for the state machine tests. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2025-05-01T10:00:00.123456789Z");
    static final String ROOT_SECRET = "3f1e5f86-8b1c-4d8a-9c0e-6f2a1b7c9d01";
    static final String ROOT_ACCESSOR = "9a1d1c55-2b7e-4f0b-8e3c-1d2f3a4b5c60";
    static final String ACCESSOR = "6a1253d2-1785-24fd-91c2-f8e78c745511";
    static final String SECRET = "45a3bd52-07c7-47a4-52fd-0745e0cfe967";
    static final String POLICY_ID = "165d4317-e379-f732-ce70-86278c4558f7";
    static final String POLICY_ID_2 = "e359bd81-baca-903e-7e64-1ccd9fdc78f5";
    static final String UNKNOWN_ID = "93d2226b-2046-4db1-993b-c0581b5d2391";

    private Fixtures() {
    }

    /** A machine after Initialize at index 1: builtin policies and the anonymous token, not bootstrapped. */
    static AclStateMachine initialized() {
        AclStateMachine m = new AclStateMachine();
        m.apply(new AclCommand.Initialize(NOW, "", ""), 1);
        return m;
    }

    /** {@link #initialized()} plus a policy {@code node-read} ({@link #POLICY_ID}) at index 2. */
    static AclStateMachine withPolicy() {
        AclStateMachine m = initialized();
        m.apply(new AclCommand.PolicyCreate(POLICY_ID, policy("node-read")), 2);
        return m;
    }

    static PolicySpec policy(String name) {
        return new PolicySpec(name, "", "node_prefix \"\" { policy = \"read\" }", List.of());
    }

    /** A token spec with generated IDs {@link #ACCESSOR}/{@link #SECRET} and nothing else. */
    static Spec spec() {
        return new Spec();
    }

    static AclToken create(AclStateMachine m, TokenSpec spec, long index) {
        return (AclToken) m.apply(new AclCommand.TokenCreate(NOW, spec), index);
    }

    static AclException refusal(AclStateMachine m, AclCommand command, long index) {
        AclException e = catchThrowableOfType(AclException.class, () -> m.apply(command, index));
        assertThat(e).as("refusal of %s", command).isNotNull();
        return e;
    }

    static AclPolicy policyNamed(AclStateMachine m, String name) {
        return m.state().policyByName(name).orElseThrow();
    }

    /** A fluent TokenSpec builder. */
    static final class Spec {
        String accessorId = ACCESSOR;
        boolean accessorIdGiven;
        String secretId = SECRET;
        boolean secretIdGiven;
        String description = "";
        List<PolicyLink> policies = List.of();
        List<PolicyLink> roles = List.of();
        List<ServiceIdentity> services = List.of();
        List<NodeIdentity> nodes = List.of();
        boolean local;
        Instant expirationTime;
        Duration ttl;

        Spec accessor(String id) {
            accessorId = id;
            accessorIdGiven = true;
            return this;
        }

        Spec secret(String id) {
            secretId = id;
            secretIdGiven = true;
            return this;
        }

        Spec description(String d) {
            description = d;
            return this;
        }

        Spec policies(PolicyLink... links) {
            policies = List.of(links);
            return this;
        }

        Spec roles(PolicyLink... links) {
            roles = List.of(links);
            return this;
        }

        Spec services(ServiceIdentity... ids) {
            services = List.of(ids);
            return this;
        }

        Spec nodes(NodeIdentity... ids) {
            nodes = List.of(ids);
            return this;
        }

        Spec local(boolean l) {
            local = l;
            return this;
        }

        Spec expires(Instant t) {
            expirationTime = t;
            return this;
        }

        Spec ttl(Duration d) {
            ttl = d;
            return this;
        }

        TokenSpec build() {
            return new TokenSpec(accessorId, accessorIdGiven, secretId, secretIdGiven, description, policies, roles,
                    services, nodes, local, expirationTime, ttl);
        }
    }
}
