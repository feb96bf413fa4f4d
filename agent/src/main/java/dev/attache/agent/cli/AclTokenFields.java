package dev.attache.agent.cli;

import java.util.List;

/** What a token and a token-list entry have in common: everything the pretty format prints. */
interface AclTokenFields {
    String accessorId();

    String secretId();

    String description();

    List<AclLink> policies();

    List<AclLink> roles();

    List<AclServiceIdentity> serviceIdentities();

    List<AclNodeIdentity> nodeIdentities();

    List<AclTemplatedPolicy> templatedPolicies();

    boolean local();

    String authMethod();

    /** Null when the token does not expire. */
    GoTime expirationTime();

    GoTime createTime();

    /** Null when absent. */
    byte[] hash();

    long createIndex();

    long modifyIndex();

    String namespace();

    String partition();

    String authMethodNamespace();
}
