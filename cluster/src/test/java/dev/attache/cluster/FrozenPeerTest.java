package dev.attache.cluster;

import static dev.attache.cluster.TestAgents.awaitAlive;
import static dev.attache.cluster.TestAgents.awaitStatus;
import static dev.attache.cluster.TestAgents.lanAddress;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool member in another JVM, frozen with SIGSTOP, resumed with SIGCONT, then killed with SIGKILL (ATOMIX.md,
 * defect 2: Atomix alone never declares a frozen peer failed).
 */
class FrozenPeerTest {

    private static final Logger log = LoggerFactory.getLogger(FrozenPeerTest.class);

    /** The JVM flag Atomix needs on JDK 17 (see the root pom's surefire argLine). */
    private static final String ADD_OPENS = "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED";
    /** A JVM, Atomix's classpath scan and a join, on a busy 2-core box. */
    private static final Duration PROCESS_START = Duration.ofSeconds(60);

    @RegisterExtension
    final TestAgents agents = new TestAgents();

    @TempDir
    Path tmp;

    private Process child;
    private Path childLog;

    @AfterEach
    void killChild() throws IOException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly(); // SIGKILL works on a stopped process too
        }
        if (childLog != null && Files.exists(childLog)) {
            log.info("child output:\n{}", Files.readString(childLog));
        }
    }

    @Test
    void frozenMemberFailsInEveryViewAndIsAliveAfterResumeAndKilledMemberFails() throws Exception {
        List<AgentCluster> local = agents.startAll(List.of(
                agents.config("a", false, 0, List.of()),
                agents.config("b", false, 0, List.of())));
        local.get(1).lan().join(lanAddress(local.get(0))).get(10, TimeUnit.SECONDS);
        List<Membership> observers = local.stream().map(AgentCluster::lan).toList();

        child = launch("p", lanAddress(local.get(0)));
        for (AgentCluster a : local) {
            awaitAlive(a, 3, PROCESS_START);
        }

        signal("STOP");
        Duration frozen = awaitStatus(observers, "p", MemberStatus.FAILED, LanMembershipTest.FAILURE_DEADLINE);
        signal("CONT");
        Duration resumed = awaitStatus(observers, "p", MemberStatus.ALIVE, Duration.ofSeconds(10));
        child.destroyForcibly();
        Duration killed = awaitStatus(observers, "p", MemberStatus.FAILED, LanMembershipTest.FAILURE_DEADLINE);

        log.info("MEASURE SIGSTOP -> failed in every view: {} ms; SIGCONT -> alive: {} ms; SIGKILL -> failed: {} ms",
                frozen.toMillis(), resumed.toMillis(), killed.toMillis());
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private Process launch(String name, String join) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path dir = Files.createDirectories(tmp.resolve(name));
        childLog = tmp.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(java, ADD_OPENS, "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", classpath, PoolMemberProcess.class.getName(),
                name, Integer.toString(TestAgents.deadPort()), join, dir.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(childLog.toFile())
                .start();
    }

    private void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start();
        assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
