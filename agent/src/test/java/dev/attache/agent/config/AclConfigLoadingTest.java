package dev.attache.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.acl.DefaultPolicy;
import dev.attache.acl.DownPolicy;
import dev.attache.agent.AclConfig;
import dev.attache.agent.AgentConfig;
import dev.attache.agent.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consul's {@code acl} block in JSON files, HCL files and {@code -hcl} fragments. */
class AclConfigLoadingTest {
    @TempDir
    Path dir;

    @Test
    void aclsAreOffByDefault() {
        AclConfig acl = ConfigLoader.load(List.of("-dev")).config().acl();
        assertThat(acl.enabled()).isFalse();
        assertThat(acl.defaultPolicy()).isEqualTo(DefaultPolicy.ALLOW);
        assertThat(acl.downPolicy()).isEqualTo(DownPolicy.EXTEND_CACHE);
        assertThat(acl.tokenTtl()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theJsonBlockWithEveryToken() throws IOException {
        Path f = Files.writeString(dir.resolve("acl.json"), """
                {"acl": {"enabled": true, "default_policy": "deny", "down_policy": "async-cache",
                  "enable_token_persistence": true, "token_ttl": "45s",
                  "tokens": {"initial_management": "im", "default": "d", "agent": "a", "agent_recovery": "ar",
                             "replication": "r", "config_file_service_registration": "c", "dns": "n"}}}
                """);
        AclConfig acl = ConfigLoader.load(List.of("-dev", "-config-file", f.toString())).config().acl();
        assertThat(acl.enabled()).isTrue();
        assertThat(acl.defaultPolicy()).isEqualTo(DefaultPolicy.DENY);
        assertThat(acl.downPolicy()).isEqualTo(DownPolicy.ASYNC_CACHE);
        assertThat(acl.enableTokenPersistence()).isTrue();
        assertThat(acl.tokenTtl()).isEqualTo(Duration.ofSeconds(45));
        assertThat(acl.tokens()).isEqualTo(new AclConfig.Tokens("im", "d", "a", "ar", "r", "c", "n"));
        assertThat(acl.toString()).doesNotContain("\"im\"").contains("<hidden>");
    }

    @Test
    void legacyTokenNamesStillLoad() throws IOException {
        Path f = Files.writeString(dir.resolve("acl.json"),
                "{\"acl\": {\"enabled\": true, \"tokens\": {\"master\": \"m\", \"agent_master\": \"am\"}}}");
        AclConfig acl = ConfigLoader.load(List.of("-dev", "-config-file", f.toString())).config().acl();
        assertThat(acl.tokens().initialManagement()).isEqualTo("m");
        assertThat(acl.tokens().agentRecovery()).isEqualTo("am");
    }

    @Test
    void anHclFileSaysTheSame() throws IOException {
        Path f = Files.writeString(dir.resolve("agent.hcl"), """
                node_name = "from-hcl"
                ports {
                  http = 8600
                }
                acl {
                  enabled        = true
                  default_policy = "deny"
                  tokens {
                    initial_management = "im"
                  }
                }
                """);
        AgentConfig c = ConfigLoader.load(List.of("-dev", "-config-file", f.toString())).config();
        assertThat(c.nodeName()).isEqualTo("from-hcl");
        assertThat(c.ports().http()).isEqualTo(8600);
        assertThat(c.acl().enabled()).isTrue();
        assertThat(c.acl().defaultPolicy()).isEqualTo(DefaultPolicy.DENY);
        assertThat(c.acl().tokens().initialManagement()).isEqualTo("im");
    }

    @Test
    void aConfigDirReadsHclBesideJson() throws IOException {
        Files.writeString(dir.resolve("10.json"), "{\"node_name\": \"json\", \"data_dir\": \"/tmp/x\"}");
        Files.writeString(dir.resolve("20.hcl"), "acl { enabled = true }\n");
        AgentConfig c = ConfigLoader.load(List.of("-config-dir", dir.toString())).config();
        assertThat(c.nodeName()).isEqualTo("json");
        assertThat(c.acl().enabled()).isTrue();
    }

    @Test
    void hclFlagsApplyAfterFilesAndBeforeFlags() throws IOException {
        Path f = Files.writeString(dir.resolve("a.json"), "{\"acl\": {\"enabled\": false}, \"node_name\": \"file\"}");
        AgentConfig c = ConfigLoader.load(List.of("-dev", "-config-file", f.toString(),
                "-hcl", "acl { enabled = true }", "-hcl", "acl { default_policy = \"deny\" }",
                "-hcl", "node_name = \"hcl\"", "-node", "flag")).config();
        assertThat(c.acl().enabled()).isTrue();
        assertThat(c.acl().defaultPolicy()).isEqualTo(DefaultPolicy.DENY);
        assertThat(c.nodeName()).isEqualTo("flag");
    }

    @Test
    void badValuesRefuseToStartWithConsulsText() {
        assertThatThrownBy(() -> ConfigLoader.load(List.of("-dev", "-hcl", "acl { default_policy = \"maybe\" }")))
                .isInstanceOf(ConfigException.class).hasMessage("Unsupported default ACL policy: maybe");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("-dev", "-hcl", "acl { down_policy = \"later\" }")))
                .isInstanceOf(ConfigException.class).hasMessage("Unsupported down ACL policy: later");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("-dev", "-hcl", "acl { enabled = true")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("Error parsing -hcl: At 1:");
    }

    @Test
    void aMalformedHclFileNamesTheFile() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.hcl"), "acl {\n  enabled = \n}\n");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("-dev", "-config-file", f.toString())))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("Error parsing " + f + ": At 3:1:");
    }
}
