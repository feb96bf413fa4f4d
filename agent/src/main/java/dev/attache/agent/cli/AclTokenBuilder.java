package dev.attache.agent.cli;

import java.util.ArrayList;
import java.util.List;

/** Builds an {@link AclToken}: the body of a create, or a token read back and changed for an update. */
final class AclTokenBuilder {
    private long createIndex;
    private long modifyIndex;
    private String accessorId = "";
    private String secretId = "";
    private String description = "";
    private List<AclLink> policies = new ArrayList<>();
    private List<AclLink> roles = new ArrayList<>();
    private List<AclServiceIdentity> serviceIdentities = new ArrayList<>();
    private List<AclNodeIdentity> nodeIdentities = new ArrayList<>();
    private List<AclTemplatedPolicy> templatedPolicies = new ArrayList<>();
    private boolean local;
    private String authMethod = "";
    private long expirationTtl;
    private GoTime expirationTime;
    private GoTime createTime = GoTime.ZERO;
    private byte[] hash;
    private String namespace = "";
    private String partition = "";
    private String authMethodNamespace = "";

    AclTokenBuilder() {
    }

    AclTokenBuilder(AclToken t) {
        createIndex = t.createIndex();
        modifyIndex = t.modifyIndex();
        accessorId = t.accessorId();
        secretId = t.secretId();
        description = t.description();
        policies = new ArrayList<>(t.policies());
        roles = new ArrayList<>(t.roles());
        serviceIdentities = new ArrayList<>(t.serviceIdentities());
        nodeIdentities = new ArrayList<>(t.nodeIdentities());
        templatedPolicies = new ArrayList<>(t.templatedPolicies());
        local = t.local();
        authMethod = t.authMethod();
        expirationTtl = t.expirationTtl();
        expirationTime = t.expirationTime();
        createTime = t.createTime();
        hash = t.hash();
        namespace = t.namespace();
        partition = t.partition();
        authMethodNamespace = t.authMethodNamespace();
    }

    AclTokenBuilder accessorId(String id) {
        accessorId = id;
        return this;
    }

    AclTokenBuilder secretId(String id) {
        secretId = id;
        return this;
    }

    AclTokenBuilder description(String text) {
        description = text;
        return this;
    }

    AclTokenBuilder local(boolean isLocal) {
        local = isLocal;
        return this;
    }

    /** Go's {@code time.Duration} in nanoseconds; 0 leaves it out. */
    AclTokenBuilder expirationTtl(long nanos) {
        expirationTtl = nanos;
        return this;
    }

    AclTokenBuilder policies(List<AclLink> links) {
        policies = new ArrayList<>(links);
        return this;
    }

    AclTokenBuilder addPolicy(AclLink link) {
        policies.add(link);
        return this;
    }

    AclTokenBuilder serviceIdentities(List<AclServiceIdentity> identities) {
        serviceIdentities = new ArrayList<>(identities);
        return this;
    }

    AclTokenBuilder nodeIdentities(List<AclNodeIdentity> identities) {
        nodeIdentities = new ArrayList<>(identities);
        return this;
    }

    AclToken build() {
        return new AclToken(createIndex, modifyIndex, accessorId, secretId, description, policies, roles,
                serviceIdentities, nodeIdentities, templatedPolicies, local, authMethod, expirationTtl,
                expirationTime, createTime, hash, namespace, partition, authMethodNamespace);
    }
}
