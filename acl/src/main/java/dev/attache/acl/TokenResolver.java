package dev.attache.acl;

import java.util.concurrent.CompletableFuture;

/** Turns the secret a request carried ("" for none) into the identity it acts as. */
@FunctionalInterface
public interface TokenResolver {

    CompletableFuture<AclIdentity> resolve(String secretId);

    /** The resolver of an agent whose ACLs are disabled: every request may do everything, as in Consul. */
    static TokenResolver aclsDisabled() {
        CompletableFuture<AclIdentity> all = CompletableFuture.completedFuture(AclIdentity.aclsDisabled());
        return secret -> all;
    }
}
