package dev.attache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.attache.acl.DefaultPolicy;
import dev.attache.agent.AclConfig;
import dev.attache.agent.Agent;
import dev.attache.agent.AgentConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kiwiproject.consul.AclClient;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.ConsulException;
import org.kiwiproject.consul.model.acl.ImmutablePolicy;
import org.kiwiproject.consul.model.acl.ImmutablePolicyLink;
import org.kiwiproject.consul.model.acl.ImmutableToken;
import org.kiwiproject.consul.model.acl.PolicyResponse;
import org.kiwiproject.consul.model.acl.TokenListResponse;
import org.kiwiproject.consul.model.acl.TokenResponse;
import org.kiwiproject.consul.option.ImmutableTokenQueryOptions;

/** The token and policy API through kiwiproject's consul-client, the maintained successor of the Orbitz client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KiwiAclClientIT {
    static final String MANAGEMENT = "0b9d7c2e-51a4-4c3b-9e8f-7a6b5c4d3e2f";

    private Agent agent;
    private Consul consul;

    @BeforeAll
    void start() {
        AclConfig acl = AclConfig.enabled(DefaultPolicy.DENY, MANAGEMENT);
        agent = Agent.builder().config(AgentConfig.dev().nodeName("kiwi-1").ports(AgentConfig.Ports.EPHEMERAL)
                .acl(acl).build()).start();
        consul = Consul.builder().withUrl(agent.httpAddress()).withAclToken(MANAGEMENT).build();
        await("the ACL state initialized").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> consul.aclClient().readSelfToken().secretId().equals(MANAGEMENT));
    }

    @AfterAll
    void stop() {
        if (consul != null) {
            consul.destroy();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void policiesThroughTheClient() {
        AclClient acl = consul.aclClient();
        PolicyResponse made = acl.createPolicy(ImmutablePolicy.builder().name("kiwi-nodes")
                .description("nodes, read").rules("node_prefix \"\" { policy = \"read\" }").build());
        assertThat(made.id()).hasSize(36);
        assertThat(made.name()).isEqualTo("kiwi-nodes");
        assertThat(made.hash()).isNotEmpty();
        assertThat(made.createIndex()).isEqualTo(made.modifyIndex());

        assertThat(acl.readPolicy(made.id()).name()).isEqualTo("kiwi-nodes");
        assertThat(acl.readPolicyByName("kiwi-nodes").id()).isEqualTo(made.id());

        PolicyResponse updated = acl.updatePolicy(made.id(), ImmutablePolicy.builder().name("kiwi-nodes-renamed")
                .rules("node_prefix \"\" { policy = \"write\" }").build());
        assertThat(updated.name()).isEqualTo("kiwi-nodes-renamed");
        assertThat(updated.modifyIndex()).isGreaterThan(made.modifyIndex());
        assertThat(acl.listPolicies()).extracting(PolicyResponse::name)
                .contains("global-management", "builtin/global-read-only", "kiwi-nodes-renamed");

        acl.deletePolicy(made.id());
        assertThatThrownBy(() -> acl.readPolicy(made.id())).isInstanceOfSatisfying(ConsulException.class,
                e -> assertThat(e.getCode()).isEqualTo(404));
        assertThatThrownBy(() -> acl.createPolicy(ImmutablePolicy.builder().name("bad rules")
                .rules("node_prefix {").build())).isInstanceOfSatisfying(ConsulException.class,
                e -> assertThat(e.getCode()).isEqualTo(500));
    }

    @Test
    void tokensThroughTheClient() {
        AclClient acl = consul.aclClient();
        PolicyResponse policy = acl.createPolicy(ImmutablePolicy.builder().name("kiwi-agent")
                .rules("agent_prefix \"\" { policy = \"read\" }").build());
        TokenResponse token = acl.createToken(ImmutableToken.builder().description("kiwi token")
                .addPolicies(ImmutablePolicyLink.builder().name("kiwi-agent").build()).build());
        assertThat(token.accessorId()).hasSize(36);
        assertThat(token.secretId()).hasSize(36);
        assertThat(token.policies()).singleElement().satisfies(link -> {
            assertThat(link.id()).contains(policy.id());
            assertThat(link.name()).contains("kiwi-agent");
        });
        assertThat(token.local()).isFalse();
        assertThat(token.createTime()).isNotNull();

        assertThat(acl.readToken(token.accessorId()).secretId()).isEqualTo(token.secretId());
        TokenResponse updated = acl.updateToken(token.accessorId(), ImmutableToken.builder()
                .description("kiwi token, updated")
                .addPolicies(ImmutablePolicyLink.builder().id(policy.id()).build()).build());
        assertThat(updated.description()).isEqualTo("kiwi token, updated");
        assertThat(updated.hash()).isNotEqualTo(token.hash());

        TokenResponse clone = acl.cloneToken(token.accessorId(), ImmutableToken.builder()
                .description("kiwi clone").build());
        assertThat(clone.accessorId()).isNotEqualTo(token.accessorId());
        assertThat(clone.policies()).hasSize(1);

        List<TokenListResponse> linked = acl.listTokens(ImmutableTokenQueryOptions.builder()
                .policy(policy.id()).build());
        assertThat(linked).extracting(TokenListResponse::accessorId)
                .containsExactlyInAnyOrder(token.accessorId(), clone.accessorId());
        assertThat(acl.listTokens()).extracting(TokenListResponse::accessorId)
                .contains("00000000-0000-0000-0000-000000000002", token.accessorId());

        Consul asToken = Consul.builder().withUrl(agent.httpAddress()).withAclToken(token.secretId()).build();
        try {
            assertThat(asToken.aclClient().readSelfToken().accessorId()).isEqualTo(token.accessorId());
            assertThat(asToken.agentClient().getAgent().getConfig().getNodeName()).isEqualTo("kiwi-1");
            assertThatThrownBy(() -> asToken.aclClient().listTokens())
                    .isInstanceOfSatisfying(ConsulException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        } finally {
            asToken.destroy();
        }

        acl.deleteToken(clone.accessorId());
        assertThatThrownBy(() -> acl.readToken(clone.accessorId()))
                .isInstanceOfSatisfying(ConsulException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
}
