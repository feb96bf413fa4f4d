package dev.attache.cluster.impl;

import dev.attache.acl.rules.RulesParser;
import dev.attache.acl.state.AclStateMachine;
import java.util.function.Supplier;

/** How servers make ACL state machines: with the rules parser validating policy rules at write time. */
final class AclStateMachines {
    private AclStateMachines() {
    }

    static Supplier<AclStateMachine> factory() {
        return () -> new AclStateMachine(RulesParser::validate);
    }
}
