package dev.attache.acl.token;

/** A node identity on a token: write on the node, read on services, in one datacenter. */
public record NodeIdentity(String nodeName, String datacenter) {
    public NodeIdentity {
        nodeName = nodeName == null ? "" : nodeName;
        datacenter = datacenter == null ? "" : datacenter;
    }
}
