package dev.attache.agent.lab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading experiment files: every step kind, defaults, and a one-line error for each kind of mistake. */
class ExperimentTest {
    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
        return Files.writeString(dir.resolve("experiment.json"), json);
    }

    @Test
    void readsEveryStepKind() throws IOException {
        Experiment e = Experiment.read(file("""
                {"name": "kill and partition",
                 "cluster": {"dcs": 2, "servers": 3, "clients": 5, "gossip": "lan"},
                 "steps": [{"wait": "1.5s"}, {"kill": "dc1-c3"}, {"pause": "dc1-c2"}, {"resume": "dc1-c2"},
                           {"restart": "dc1-c3"},
                           {"await": {"member": "dc1-c3", "status": "alive", "timeout": "20s",
                                      "observers": ["dc1-s1"]}},
                           {"partition": [["dc1-s1", "dc1-c1"], ["dc1-s2"]]}, {"heal": true},
                           {"loss": {"node": "dc1-c1", "percent": 20}}]}
                """));
        assertThat(e.name()).isEqualTo("kill and partition");
        assertThat(e.cluster()).isEqualTo(new Experiment.Cluster(2, 3, 5, "lan"));
        assertThat(e.steps()).containsExactly(
                new Experiment.Wait(Duration.ofMillis(1500)),
                new Experiment.NodeAction("kill", "dc1-c3"),
                new Experiment.NodeAction("pause", "dc1-c2"),
                new Experiment.NodeAction("resume", "dc1-c2"),
                new Experiment.NodeAction("restart", "dc1-c3"),
                new Experiment.Await("dc1-c3", "alive", Duration.ofSeconds(20), List.of("dc1-s1")),
                new Experiment.Partition(List.of(List.of("dc1-s1", "dc1-c1"), List.of("dc1-s2"))),
                new Experiment.Heal(),
                new Experiment.Loss("dc1-c1", 20));
        assertThat(e.steps().get(6).describe()).isEqualTo("partition dc1-s1,dc1-c1 | dc1-s2");
        assertThat(e.steps().get(0).describe()).isEqualTo("wait 1.5s");
    }

    @Test
    void defaultsAreOneServerNoClientFastGossipAndAMinuteToAwait() throws IOException {
        Experiment e = Experiment.read(file("""
                {"steps": [{"await": {"member": "dc1-s1", "status": "alive"}}]}"""));
        assertThat(e.name()).isEqualTo("experiment.json");
        assertThat(e.cluster()).isEqualTo(new Experiment.Cluster(1, 1, 0, "fast"));
        assertThat(((Experiment.Await) e.steps().get(0)).timeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void mistakesNameTheStepAndWhatIsWrong() throws IOException {
        assertError("{\"steps\": [{\"wait\": \"5s\"}, {\"explode\": \"dc1-c1\"}]}",
                "step 2 (explode): unknown action; one of wait, kill, pause, resume, restart, partition, heal, loss, "
                        + "await");
        assertError("{\"steps\": [{\"wait\": \"soon\"}]}", "step 1 (wait): invalid duration \"soon\"");
        assertError("{\"steps\": [{\"wait\": \"-1s\"}]}", "step 1 (wait): the duration may not be negative");
        assertError("{\"steps\": [{\"kill\": 3}]}", "step 1 (kill): expected a node name such as \"dc1-c1\"");
        assertError("{\"steps\": [{\"partition\": [[\"a\"]]}]}",
                "step 1 (partition): expected two or more groups of nodes, such as [[\"dc1-s1\"], [\"dc1-c1\", "
                        + "\"dc1-c2\"]]");
        assertError("{\"steps\": [{\"await\": {\"member\": \"a\", \"status\": \"dead\"}}]}",
                "step 1 (await): status must be one of alive, leaving, left, failed, none");
        assertError("{\"steps\": [{\"loss\": {\"node\": \"a\", \"percent\": 120}}]}",
                "step 1 (loss): expected {\"node\": NAME, \"percent\": 0..100}");
        assertError("{\"steps\": [{\"kill\": \"a\", \"wait\": \"1s\"}]}",
                "step 1: expected an object with one action, such as {\"kill\": \"dc1-c1\"}");
        assertError("{\"cluster\": {\"servers\": 0}, \"steps\": [{\"heal\": true}]}",
                "cluster.servers must be a whole number from 1 to 64");
        assertError("{\"cluster\": {\"gossip\": \"slow\"}, \"steps\": [{\"heal\": true}]}",
                "cluster.gossip must be \"fast\" or \"lan\", not \"slow\"");
        Path f = file("{\"steps\": []}");
        assertThatThrownBy(() -> Experiment.read(f)).hasMessage("experiment " + f + ": \"steps\" must be a non-empty list");
        Path broken = file("{\"steps\": [");
        assertThatThrownBy(() -> Experiment.read(broken)).isInstanceOf(ExperimentException.class)
                .hasMessageStartingWith("cannot read experiment " + broken + ": ");
        assertThatThrownBy(() -> Experiment.read(dir.resolve("missing.json")))
                .hasMessage("no experiment file " + dir.resolve("missing.json"));
    }

    private void assertError(String json, String message) throws IOException {
        Path f = file(json);
        assertThatThrownBy(() -> Experiment.read(f)).isInstanceOf(ExperimentException.class).hasMessage(message);
    }
}
