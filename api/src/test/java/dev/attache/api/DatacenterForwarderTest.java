package dev.attache.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatacenterForwarderTest {

    @Test
    void retargetNamesTheTargetDatacenterAndKeepsEverythingElse() {
        assertThat(DatacenterForwarder.retarget("/v1/acl/tokens?datacenter=dc1&dc=dc3&stale&index=5", "dc2"))
                .isEqualTo("/v1/acl/tokens?stale&index=5&dc=dc2");
        assertThat(DatacenterForwarder.retarget("/v1/acl/token", "dc1")).isEqualTo("/v1/acl/token?dc=dc1");
        // the path stays encoded as the client sent it
        assertThat(DatacenterForwarder.retarget("/v1/acl/policy/name/a%20b?pretty=", "dc1"))
                .isEqualTo("/v1/acl/policy/name/a%20b?pretty=&dc=dc1");
    }
}
