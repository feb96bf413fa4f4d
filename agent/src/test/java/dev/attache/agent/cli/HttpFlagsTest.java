package dev.attache.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpFlagsTest {
    @TempDir
    Path dir;

    private static FlagSet parsed(String... args) throws Exception {
        FlagSet f = new FlagSet();
        HttpFlags.register(f);
        f.parse(List.of(args));
        return f;
    }

    private static CommandContext env(Map<String, String> env) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        return new CommandContext(sink, sink, env);
    }

    private static String url(FlagSet f, Map<String, String> env) throws Exception {
        return HttpFlags.client(f, env(env)).url("/v1/agent/members", Map.of("segment", "_all"));
    }

    @Test
    void addressDefaultsThenEnvThenFlag() throws Exception {
        assertThat(url(parsed(), Map.of())).isEqualTo("http://127.0.0.1:8500/v1/agent/members?segment=_all");
        assertThat(url(parsed(), Map.of("CONSUL_HTTP_ADDR", "10.0.0.1:1234")))
                .isEqualTo("http://10.0.0.1:1234/v1/agent/members?segment=_all");
        assertThat(url(parsed("-http-addr", "http://h:9"), Map.of("CONSUL_HTTP_ADDR", "10.0.0.1:1234")))
                .isEqualTo("http://h:9/v1/agent/members?segment=_all");
    }

    @Test
    void schemeFromAddressOrSslEnv() throws Exception {
        assertThat(url(parsed("-http-addr=https://h:9"), Map.of())).startsWith("https://h:9/");
        assertThat(url(parsed("-http-addr=h:9"), Map.of("CONSUL_HTTP_SSL", "true"))).startsWith("https://h:9/");
        assertThat(url(parsed("-http-addr=http://h:9"), Map.of("CONSUL_HTTP_SSL", "1"))).startsWith("https://h:9/");
        assertThatThrownBy(() -> url(parsed("-http-addr=ftp://h:9"), Map.of()))
                .isInstanceOf(HttpFlags.ConfigException.class).hasMessage("Unknown protocol scheme: ftp");
    }

    @Test
    void tokenPrecedenceIsFileFlagTokenFlagFileEnvTokenEnv() throws Exception {
        Path flagFile = Files.writeString(dir.resolve("flag-token"), "  from-flag-file\n");
        Path envFile = Files.writeString(dir.resolve("env-token"), "from-env-file\n");
        Map<String, String> env = new HashMap<>(Map.of("CONSUL_HTTP_TOKEN", "from-env",
                "CONSUL_HTTP_TOKEN_FILE", envFile.toString()));

        assertThat(HttpFlags.token(parsed("-token-file", flagFile.toString(), "-token", "t"), env(env)))
                .isEqualTo("from-flag-file");
        assertThat(HttpFlags.token(parsed("-token", "from-flag"), env(env))).isEqualTo("from-flag");
        assertThat(HttpFlags.token(parsed(), env(env))).isEqualTo("from-env-file");
        env.remove("CONSUL_HTTP_TOKEN_FILE");
        assertThat(HttpFlags.token(parsed(), env(env))).isEqualTo("from-env");
        assertThat(HttpFlags.token(parsed(), env(Map.of()))).isEmpty();
    }

    @Test
    void missingTokenFileIsAConfigurationError() throws Exception {
        String missing = dir.resolve("nope").toString();

        assertThatThrownBy(() -> HttpFlags.token(parsed("-token-file=" + missing), env(Map.of())))
                .isInstanceOf(HttpFlags.ConfigException.class)
                .hasMessage("Error loading token file " + missing + " : open " + missing + ": no such file or directory");
    }

    @Test
    void urlEscapesPathAndSortsQueryAsGo() throws Exception {
        AgentClient c = new AgentClient("http", "h:1", "");

        assertThat(c.url("/v1/agent/join/[::1]:8301", Map.of("wan", "1")))
                .isEqualTo("http://h:1/v1/agent/join/%5B::1%5D:8301?wan=1");
        assertThat(c.url("/v1/agent/force-leave/a b?c", Map.of("wan", "1", "prune", "1")))
                .isEqualTo("http://h:1/v1/agent/force-leave/a%20b%3Fc?prune=1&wan=1");
        assertThat(c.url("/v1/agent/members", Map.of("filter", "Name == \"x*\" and ~", "segment", "_all")))
                .isEqualTo("http://h:1/v1/agent/members?filter=Name+%3D%3D+%22x%2A%22+and+~&segment=_all");
    }
}
