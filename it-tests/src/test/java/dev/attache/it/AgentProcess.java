package dev.attache.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An agent run from the jar as a separate process, its output captured in files. */
public final class AgentProcess implements AutoCloseable {
    private static final Pattern HTTP_PORT = Pattern.compile("\\(HTTP: (\\d+)\\)");
    private static final Pattern GOSSIP_PORTS = Pattern.compile("\\(LAN: (\\d+), WAN: (\\d+)\\)");
    /** Small heaps and a quick JIT: many agents share two cores in these tests. */
    static final List<String> TEST_JVM = List.of("-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k");

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private AgentProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** The agent jar the build produced. */
    public static Path jar() {
        String p = System.getProperty("attache.jar");
        if (p == null) {
            throw new IllegalStateException("system property attache.jar is not set (run through Maven failsafe)");
        }
        Path jar = Path.of(p);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: run `mvn package` first");
        }
        return jar;
    }

    /** Starts {@code java -jar attache.jar <args>}; output goes to files in {@code dir}. */
    public static AgentProcess start(Path dir, String... args) {
        return start(dir, List.of("-Xmx256m"), args);
    }

    /** Starts {@code java <jvm> -jar attache.jar <args>}; output goes to files in {@code dir}. */
    public static AgentProcess start(Path dir, List<String> jvm, String... args) {
        try {
            Files.createDirectories(dir);
            Path out = Files.createTempFile(dir, "stdout-", ".log");
            Path err = Files.createTempFile(dir, "stderr-", ".log");
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(jvm);
            cmd.add("-jar");
            cmd.add(jar().toString());
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new AgentProcess(p, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the banner shows the HTTP port and the API answers; returns the base URL. */
    public String awaitReady(Duration within) {
        int[] port = new int[1];
        await("agent banner").atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("agent exited with " + process.exitValue() + ": " + stderr() + stdout());
            }
            Matcher m = HTTP_PORT.matcher(stdout());
            if (m.find()) {
                port[0] = Integer.parseInt(m.group(1));
                return true;
            }
            return false;
        });
        String base = "http://127.0.0.1:" + port[0];
        await("agent HTTP API").atMost(within).ignoreExceptions()
                .until(() -> new Http(base).get("/v1/agent/version").status() == 200); // needs no token
        return base;
    }

    /** The LAN gossip port from the banner (after {@link #awaitReady}). */
    public int lanPort() {
        Matcher m = GOSSIP_PORTS.matcher(stdout());
        if (!m.find()) {
            throw new IllegalStateException("no gossip ports in the banner yet");
        }
        return Integer.parseInt(m.group(1));
    }

    /** The WAN gossip port from the banner (0 on a client). */
    public int wanPort() {
        Matcher m = GOSSIP_PORTS.matcher(stdout());
        if (!m.find()) {
            throw new IllegalStateException("no gossip ports in the banner yet");
        }
        return Integer.parseInt(m.group(2));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}, {@code KILL}, {@code TERM}, {@code INT}). */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the process to exit on its own; returns the exit code. */
    public int awaitExit(Duration within) {
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("agent still running after " + within + "; output: " + stdout());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends SIGTERM. */
    public void terminate() {
        process.destroy();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    public long pid() {
        return process.pid();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
