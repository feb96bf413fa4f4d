package dev.attache.acl.state;

import dev.attache.acl.token.AclToken;
import dev.attache.acl.token.NodeIdentity;
import dev.attache.acl.token.PolicyLink;
import dev.attache.acl.token.ServiceIdentity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Consul's content hashes (consul-behavior.md §5.4): unkeyed BLAKE2b-256 over the mutable fields concatenated
 * without separators, rendered as padded base64. IDs, times and Raft indexes are not hashed.
 */
public final class AclHashes {
    private AclHashes() {
    }

    /**
     * The token hash: description, {@code local}/{@code global}, each policy link ID, each role link ID, each
     * service identity's name then datacenters, each node identity's name then datacenter.
     */
    public static String tokenHash(AclToken token) {
        Blake2bDigest digest = new Blake2bDigest(256);
        write(digest, token.description());
        write(digest, token.local() ? "local" : "global");
        for (PolicyLink link : token.policies()) {
            write(digest, link.id());
        }
        for (PolicyLink link : token.roles()) {
            write(digest, link.id());
        }
        for (ServiceIdentity si : token.serviceIdentities()) {
            write(digest, si.serviceName());
            si.datacenters().forEach(dc -> write(digest, dc));
        }
        for (NodeIdentity ni : token.nodeIdentities()) {
            write(digest, ni.nodeName());
            write(digest, ni.datacenter());
        }
        return finish(digest);
    }

    /** The policy hash: name, description, rules, then each datacenter. */
    public static String policyHash(String name, String description, String rules, List<String> datacenters) {
        Blake2bDigest digest = new Blake2bDigest(256);
        write(digest, name);
        write(digest, description);
        write(digest, rules);
        datacenters.forEach(dc -> write(digest, dc));
        return finish(digest);
    }

    private static void write(Blake2bDigest digest, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        digest.update(bytes, 0, bytes.length);
    }

    private static String finish(Blake2bDigest digest) {
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return Base64.getEncoder().encodeToString(out);
    }
}
