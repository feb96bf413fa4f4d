package dev.attache.acl.state;

/** The tables a blocking query can watch, each with its own index (Consul's {@code X-Consul-Index} of a read). */
public enum AclTable {
    TOKENS {
        @Override
        public long index(AclState state) {
            return state.tokensIndex();
        }
    },
    POLICIES {
        @Override
        public long index(AclState state) {
            return state.policiesIndex();
        }
    },
    /** Both tables: the later of their indexes (what ACL replication watches). */
    ANY {
        @Override
        public long index(AclState state) {
            return Math.max(state.tokensIndex(), state.policiesIndex());
        }
    };

    /** The highest Raft index that changed this table in {@code state}, deletes included. */
    public abstract long index(AclState state);
}
