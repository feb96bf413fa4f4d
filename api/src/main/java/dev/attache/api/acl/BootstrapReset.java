package dev.attache.api.acl;

/**
 * The ACL bootstrap reset file ({@code <data_dir>/acl-bootstrap-reset}, consul-behavior.md §4.1), which the agent
 * owns: writing the current bootstrap index into it allows one more bootstrap.
 */
public interface BootstrapReset {

    /** No reset file. */
    BootstrapReset NONE = new BootstrapReset() {
        @Override
        public long resetIndex() {
            return -1;
        }

        @Override
        public void consumed() {
        }
    };

    /** The index the reset file holds, or -1 when there is no reset file. */
    long resetIndex();

    /** A bootstrap used the reset index: the file is removed. */
    void consumed();
}
