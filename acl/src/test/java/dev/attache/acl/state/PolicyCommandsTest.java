package dev.attache.acl.state;

import static dev.attache.acl.state.Fixtures.POLICY_ID;
import static dev.attache.acl.state.Fixtures.POLICY_ID_2;
import static dev.attache.acl.state.Fixtures.UNKNOWN_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.AclException;
import dev.attache.acl.AclException.Kind;
import dev.attache.acl.token.AclPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy create, update and delete (consul-behavior.md §4.9). */
class PolicyCommandsTest {
    private static final String MANAGEMENT = AclPolicy.GLOBAL_MANAGEMENT_ID;
    private static final String READ_ONLY = AclPolicy.GLOBAL_READ_ONLY_ID;
    private static final String NAME_CHARS = "Invalid Policy: invalid Name. Only alphanumeric characters, a single '/', "
            + "'-' and '_' are allowed";
    private static final String NAME_PREFIX =
            "Invalid Policy: invalid Name. Names cannot be prefixed with '/' or 'builtin/'";

    /** Policies node-read ({@code POLICY_ID}, index 2) and service-read ({@code POLICY_ID_2}, index 3). */
    private static AclStateMachine twoPolicies() {
        AclStateMachine m = Fixtures.withPolicy();
        m.apply(new AclCommand.PolicyCreate(POLICY_ID_2, Fixtures.policy("service-read")), 3);
        return m;
    }

    private static PolicySpec builtinSpec(String name, String rules, List<String> dcs) {
        return new PolicySpec(name, "changed", rules, dcs);
    }

    private static Arguments row(String name, AclCommand command, Kind kind, String message) {
        return Arguments.of(Named.of(name, command), kind, message);
    }

    private static AclCommand create(String name) {
        return new AclCommand.PolicyCreate(UNKNOWN_ID, Fixtures.policy(name));
    }

    private static AclCommand update(String id, String name) {
        return new AclCommand.PolicyUpdate(id, Fixtures.policy(name));
    }

    static Stream<Arguments> errorTable() {
        String rules = BuiltinPolicies.GLOBAL_MANAGEMENT_RULES;
        return Stream.of(
                row("no name", create(""), Kind.INVALID, "Invalid Policy: no Name is set"),
                row("name too long", create("a".repeat(129)), Kind.INVALID,
                        "Invalid Policy: invalid Name. Length must be greater than 0 and less than 128"),
                row("name starting with a slash", create("/ops"), Kind.INVALID, NAME_PREFIX),
                row("name starting with builtin/", create("builtin/ops"), Kind.INVALID, NAME_PREFIX),
                row("two slashes", create("a/b/c"), Kind.INVALID, NAME_CHARS),
                row("space in name", create("node read"), Kind.INVALID, NAME_CHARS),
                row("duplicate name on create", create("node-read"), Kind.INVALID,
                        "Invalid Policy: A Policy with Name \"node-read\" already exists"),
                row("duplicate name differing in case", create("Node-Read"), Kind.INVALID,
                        "Invalid Policy: A Policy with Name \"Node-Read\" already exists"),
                row("create with a malformed ID", new AclCommand.PolicyCreate("abc", Fixtures.policy("x")),
                        Kind.INVALID, "Policy ID invalid UUID"),
                row("create with an ID in use", new AclCommand.PolicyCreate(POLICY_ID, Fixtures.policy("x")),
                        Kind.INVALID, "Policy ID \"" + POLICY_ID + "\" is reserved or already in use"),
                row("create with a reserved ID",
                        new AclCommand.PolicyCreate("00000000-0000-0000-0000-000000000009", Fixtures.policy("x")),
                        Kind.INVALID, "Policy ID \"00000000-0000-0000-0000-000000000009\" is reserved or already in use"),
                row("update with a malformed ID", update("node-read", "x"), Kind.INVALID, "Policy ID invalid UUID"),
                row("update of an unknown ID", update(UNKNOWN_ID, "x"), Kind.INVALID,
                        "cannot find policy " + UNKNOWN_ID),
                row("rename onto another policy", update(POLICY_ID, "service-read"), Kind.INVALID,
                        "Invalid Policy: A policy with name \"service-read\" already exists"),
                row("rename changing only case", update(POLICY_ID, "Node-Read"), Kind.INVALID,
                        "Invalid Policy: A policy with name \"Node-Read\" already exists"),
                row("builtin rules", new AclCommand.PolicyUpdate(MANAGEMENT,
                        builtinSpec("global-management", "acl = \"read\"", List.of())), Kind.INVALID,
                        "Changing the Rules for the builtin global-management policy is not permitted"),
                row("builtin datacenters", new AclCommand.PolicyUpdate(MANAGEMENT,
                        builtinSpec("global-management", rules, List.of("dc1"))), Kind.INVALID,
                        "Changing the Datacenters of the global-management policy is not permitted"),
                row("builtin read-only keeps its reserved name", new AclCommand.PolicyUpdate(READ_ONLY,
                        builtinSpec("builtin/global-read-only", BuiltinPolicies.GLOBAL_READ_ONLY_RULES, List.of())),
                        Kind.INVALID, NAME_PREFIX),
                row("delete with a malformed ID", new AclCommand.PolicyDelete("node-read"), Kind.INVALID,
                        "failed acl policy lookup: index error: UUID must be 36 characters"),
                row("delete of an unknown ID", new AclCommand.PolicyDelete(UNKNOWN_ID), Kind.NOT_FOUND,
                        "Cannot find policy to delete"),
                row("delete global-management", new AclCommand.PolicyDelete(MANAGEMENT), Kind.INVALID,
                        "Delete operation not permitted on the builtin global-management policy"),
                row("delete global-read-only", new AclCommand.PolicyDelete(READ_ONLY), Kind.INVALID,
                        "Delete operation not permitted on the builtin builtin/global-read-only policy"));
    }

    @ParameterizedTest
    @MethodSource("errorTable")
    void policyCommandRefusesWithConsulsMessage(AclCommand command, Kind kind, String message) {
        AclStateMachine m = twoPolicies();
        AclState before = m.state();

        AclException e = Fixtures.refusal(m, command, 4);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e).hasMessage(message);
        assertThat(m.state().policies()).isEqualTo(before.policies());
        assertThat(m.state().policiesIndex()).isEqualTo(3);
    }

    @Test
    void createStoresPolicyWithHashAndEqualIndexes() {
        AclStateMachine m = Fixtures.initialized();
        PolicySpec spec = new PolicySpec("node-read", "reads nodes", "node_prefix \"\" { policy = \"read\" }",
                List.of("dc1", "dc2"));

        AclPolicy p = (AclPolicy) m.apply(new AclCommand.PolicyCreate(POLICY_ID, spec), 5);

        assertThat(p).isEqualTo(new AclPolicy(POLICY_ID, "node-read", "reads nodes", spec.rules(),
                List.of("dc1", "dc2"), AclHashes.policyHash("node-read", "reads nodes", spec.rules(),
                List.of("dc1", "dc2")), 5, 5));
        assertThat(m.state().policy(POLICY_ID)).contains(p);
        assertThat(m.state().policiesIndex()).isEqualTo(5);
        assertThat(m.state().tokensIndex()).isEqualTo(1);
    }

    @Test
    void renameFreesTheOldName() {
        AclStateMachine m = twoPolicies();

        AclPolicy renamed = (AclPolicy) m.apply(update(POLICY_ID, "nodes"), 6);
        m.apply(new AclCommand.PolicyCreate(UNKNOWN_ID, Fixtures.policy("node-read")), 7);

        assertThat(renamed.createIndex()).isEqualTo(2);
        assertThat(renamed.modifyIndex()).isEqualTo(6);
        assertThat(m.state().policyByName("nodes")).contains(renamed);
        assertThat(m.state().policyByName("node-read").orElseThrow().id()).isEqualTo(UNKNOWN_ID);
    }

    @Test
    void builtinPolicyMayBeRenamedAndRedescribed() {
        AclStateMachine m = Fixtures.initialized();

        AclPolicy p = (AclPolicy) m.apply(new AclCommand.PolicyUpdate(MANAGEMENT,
                builtinSpec("root", BuiltinPolicies.GLOBAL_MANAGEMENT_RULES, List.of())), 2);

        assertThat(p.name()).isEqualTo("root");
        assertThat(p.description()).isEqualTo("changed");
        assertThat(p.hash()).isEqualTo(AclHashes.policyHash("root", "changed", p.rules(), List.of()));
        assertThat(Fixtures.refusal(m, new AclCommand.PolicyDelete(MANAGEMENT), 3))
                .hasMessage("Delete operation not permitted on the builtin global-management policy");
    }

    @Test
    void deleteMovesOnlyThePoliciesIndex() {
        AclStateMachine m = twoPolicies();

        assertThat(m.apply(new AclCommand.PolicyDelete(POLICY_ID.toUpperCase()), 9)).isEqualTo(Boolean.TRUE);

        assertThat(m.state().policy(POLICY_ID)).isEmpty();
        assertThat(m.state().policyByName("node-read")).isEmpty();
        assertThat(m.state().policiesIndex()).isEqualTo(9);
        assertThat(m.state().tokensIndex()).isEqualTo(1);
    }

    @Test
    void rulesValidatorSeesRulesAndItsRefusalLeavesStateUnchanged() {
        List<String> seen = new ArrayList<>();
        AclStateMachine m = new AclStateMachine(rules -> {
            seen.add(rules);
            if (rules.contains("bogus")) {
                throw AclException.invalid("Failed to parse ACL rules: bogus");
            }
        });
        m.apply(new AclCommand.Initialize(Fixtures.NOW, "", ""), 1);

        m.apply(new AclCommand.PolicyCreate(POLICY_ID, Fixtures.policy("ok")), 2);
        AclException e = Fixtures.refusal(m, new AclCommand.PolicyUpdate(POLICY_ID,
                new PolicySpec("ok", "", "bogus", List.of())), 3);

        assertThat(e).hasMessage("Failed to parse ACL rules: bogus");
        assertThat(seen).containsExactly(Fixtures.policy("ok").rules(), "bogus");
        assertThat(m.state().policy(POLICY_ID).orElseThrow().rules()).isEqualTo(Fixtures.policy("ok").rules());
        assertThat(m.state().policiesIndex()).isEqualTo(2);
    }

    @Test
    void noArgMachineAcceptsAnyRules() {
        AclStateMachine m = Fixtures.initialized();

        AclPolicy p = (AclPolicy) m.apply(new AclCommand.PolicyCreate(POLICY_ID,
                new PolicySpec("p", "", "not { hcl", List.of())), 2);

        assertThat(p.rules()).isEqualTo("not { hcl");
    }
}
