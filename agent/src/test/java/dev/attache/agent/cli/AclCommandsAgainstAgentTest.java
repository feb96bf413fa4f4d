package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.acl.DefaultPolicy;
import dev.attache.agent.AclConfig;
import dev.attache.agent.Agent;
import dev.attache.agent.AgentConfig;
import dev.attache.api.agent.AgentTokenKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code attache acl} commands against a real agent with ACLs on (default deny): bootstrap, the policy and
 * token lifecycle, {@code -token} and {@code CONSUL_HTTP_TOKEN}, and {@code set-agent-token} with persistence.
 */
class AclCommandsAgainstAgentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private Agent start(boolean persistTokens) {
        AclConfig acl = new AclConfig(true, DefaultPolicy.DENY, null, persistTokens, null, null);
        return Agent.builder().config(AgentConfig.builder().nodeName("cli-acl").server(true).bootstrapExpect(1)
                .bindAddress("127.0.0.1").clientAddress("127.0.0.1").ports(AgentConfig.Ports.EPHEMERAL)
                .dataDir(dataDir).acl(acl).build()).start();
    }

    private CliRun acl(Map<String, String> env, String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try (java.io.PrintStream o = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
             java.io.PrintStream e = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)) {
            int exit = new AclCommand(new CommandContext(o, e, env)).run(java.util.List.of(args));
            return new CliRun(exit, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                    err.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static JsonNode json(CliRun r) throws IOException {
        assertThat(r.exit()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void theWholeLifecycleThroughTheCli() throws IOException {
        agent = start(false);
        Map<String, String> env = CliRun.envFor(agent);
        CliRun boot = await("bootstrap once the ACL state is initialized").atMost(Duration.ofSeconds(60))
                .until(() -> acl(env, "bootstrap", "-format=json"), r -> r.exit() == 0);
        String root = JSON.readTree(boot.out()).get("SecretID").asText();
        assertThat(JSON.readTree(boot.out()).get("Description").asText())
                .isEqualTo("Bootstrap Token (Global Management)");
        CliRun again = acl(env, "bootstrap");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("ACL bootstrap no longer allowed");

        Map<String, String> withRoot = new HashMap<>(env);
        withRoot.put("CONSUL_HTTP_TOKEN", root);
        JsonNode policy = json(acl(withRoot, "policy", "create", "-name", "nodes", "-format=json",
                "-rules", "node_prefix \"\" { policy = \"read\" }"));
        String policyId = policy.get("ID").asText();
        assertThat(json(acl(withRoot, "policy", "read", "-name", "nodes", "-format=json")).get("ID").asText())
                .isEqualTo(policyId);
        assertThat(json(acl(withRoot, "policy", "update", "-id", policyId, "-description", "all nodes",
                "-format=json")).get("Description").asText()).isEqualTo("all nodes");
        assertThat(acl(withRoot, "policy", "list").out()).contains("nodes:", "global-management:");

        JsonNode token = json(acl(withRoot, "token", "create", "-description", "reader", "-policy-name", "nodes",
                "-format=json"));
        String accessor = token.get("AccessorID").asText();
        String secret = token.get("SecretID").asText();
        assertThat(json(acl(withRoot, "token", "read", "-id", accessor, "-format=json")).get("Description").asText())
                .isEqualTo("reader");
        assertThat(json(acl(withRoot, "token", "update", "-id", accessor, "-description", "node reader",
                "-format=json")).get("Policies").get(0).get("Name").asText()).isEqualTo("nodes");
        JsonNode clone = json(acl(withRoot, "token", "clone", "-id", accessor, "-description", "copy",
                "-format=json"));
        assertThat(acl(withRoot, "token", "list").out()).contains(accessor, clone.get("AccessorID").asText());
        assertThat(acl(withRoot, "token", "delete", "-id", clone.get("AccessorID").asText()).out())
                .contains("deleted successfully");

        // the new token may read nodes but not manage ACLs; -token wins over CONSUL_HTTP_TOKEN
        CliRun denied = acl(withRoot, "token", "list", "-token", secret);
        assertThat(denied.exit()).isEqualTo(1);
        assertThat(denied.err()).contains("Permission denied", "acl:read");
        CliRun members = CliRun.run(MembersCommand::new, env, "-token", secret);
        assertThat(members.exit()).isZero();
        assertThat(members.out()).contains("cli-acl");
        assertThat(CliRun.run(MembersCommand::new, env).exit()).as("anonymous sees no member").isEqualTo(2);

        // the agent's default token serves requests that carry none
        assertThat(acl(withRoot, "set-agent-token", "default", secret).out())
                .contains("ACL token \"default\" set successfully");
        assertThat(CliRun.run(MembersCommand::new, env).out()).contains("cli-acl");

        assertThat(acl(withRoot, "policy", "delete", "-name", "nodes").out()).contains("deleted successfully");
        assertThat(CliRun.run(MembersCommand::new, env).exit()).as("the policy is gone").isEqualTo(2);
    }

    @Test
    void agentTokensSetThroughTheApiArePersistedWhenConfigured() throws IOException {
        agent = start(true);
        Map<String, String> env = CliRun.envFor(agent);
        String root = await().atMost(Duration.ofSeconds(60))
                .until(() -> acl(env, "bootstrap", "-format=json"), r -> r.exit() == 0).out();
        Map<String, String> withRoot = new HashMap<>(env);
        withRoot.put("CONSUL_HTTP_TOKEN", JSON.readTree(root).get("SecretID").asText());
        String secret = "6f3c2a1b-0e9d-4c8b-a7f6-5e4d3c2b1a09";
        assertThat(acl(withRoot, "set-agent-token", "agent", secret).exit()).isZero();
        assertThat(acl(withRoot, "set-agent-token", "replication", "r-" + secret).exit()).isZero();

        Path file = dataDir.resolve("acl-tokens.json");
        assertThat(JSON.readTree(file.toFile()).get("agent").asText()).isEqualTo(secret);
        assertThat(JSON.readTree(file.toFile()).get("replication").asText()).isEqualTo("r-" + secret);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        agent.close();
        agent = start(true);
        assertThat(agent.tokens().get(AgentTokenKind.AGENT)).isEqualTo(secret);
        assertThat(agent.tokens().get(AgentTokenKind.REPLICATION)).isEqualTo("r-" + secret);

        // clearing a token removes it from the file
        Map<String, String> env2 = new HashMap<>(CliRun.envFor(agent));
        env2.put("CONSUL_HTTP_TOKEN", withRoot.get("CONSUL_HTTP_TOKEN"));
        await().atMost(Duration.ofSeconds(60)).until(() -> acl(env2, "set-agent-token", "agent", "").exit() == 0);
        assertThat(JSON.readTree(file.toFile()).has("agent")).isFalse();
        assertThat(Set.of(JSON.readTree(file.toFile()).fieldNames().next())).containsExactly("replication");
    }
}
