package dev.attache.agent.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabStateTest {
    @TempDir
    Path dir;

    private static LabState sample() {
        return new LabState("process", "2026-12-04T01:02:03.456Z", "fast", true, List.of(
                new LabNode("dc1-s1", "dc1", "server", 1234, "10.1.2.2:8500", "10.1.2.2:8301", "10.1.2.2:8302",
                        "/lab/nodes/dc1-s1/data", "/lab/logs/dc1-s1.log", "timelines/dc1-s1.jsonl",
                        "attache-ab12-dc1-s1", "running"),
                new LabNode("dc1-c1", "dc1", "client", 1235, "10.1.2.3:8500", "10.1.2.3:8301", null,
                        "/lab/nodes/dc1-c1/data", "/lab/logs/dc1-c1.log", "timelines/dc1-c1.jsonl",
                        "attache-ab12-dc1-c1", "killed")));
    }

    @Test
    void writesTheSharedFormatAndReadsItBack() throws IOException {
        sample().write(dir);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("lab.json").toFile());
        assertThat(json.fieldNames()).toIterable().containsExactly("mode", "created", "gossip", "netns", "nodes");
        JsonNode client = json.get("nodes").get(1);
        assertThat(client.fieldNames()).toIterable().containsExactly("name", "dc", "role", "pid", "http", "lan", "wan",
                "data_dir", "log", "timeline", "netns", "state");
        assertThat(client.get("wan").isNull()).isTrue();
        assertThat(LabState.read(dir)).contains(sample());
    }

    @Test
    void readsAFileWithKeysItDoesNotKnowAndNoNetns() throws IOException {
        Files.writeString(dir.resolve("lab.json"), """
                {"mode":"process","created":"2026-12-04T01:02:03Z","gossip":"lan","netns":false,"extra":1,
                 "nodes":[{"name":"dc1-s1","dc":"dc1","role":"server","pid":7,"http":"127.0.0.1:8500",
                 "lan":"127.0.0.1:8301","wan":"127.0.0.1:8302","data_dir":"d","log":"l",
                 "timeline":"timelines/dc1-s1.jsonl","netns":null,"state":"paused","report":{}}]}
                """);
        LabState s = LabState.require(dir);
        assertThat(s.netns()).isFalse();
        assertThat(s.node("dc1-s1").state()).isEqualTo("paused");
        assertThat(s.node("dc1-s1").netns()).isNull();
        assertThat(s.node("dc1-s1").host()).isEqualTo("127.0.0.1");
    }

    @Test
    void noLabAndNotALabAreOneLineErrors() throws IOException {
        assertThat(LabState.read(dir)).isEmpty();
        assertThatThrownBy(() -> LabState.require(dir)).isInstanceOf(LabException.class)
                .hasMessageStartingWith("no lab in " + dir);
        Files.writeString(dir.resolve("lab.json"), "{not json");
        assertThatThrownBy(() -> LabState.read(dir)).isInstanceOf(LabException.class)
                .hasMessageStartingWith(dir.resolve("lab.json") + " is not a lab file: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anUnknownNodeNamesTheNodesThereAre() {
        assertThatThrownBy(() -> sample().node("dc9-s1"))
                .hasMessage("no node dc9-s1 in this lab (nodes: dc1-s1, dc1-c1)");
    }

    @Test
    void withReplacesOneNode() {
        LabState s = sample().with(sample().node("dc1-c1").withPid(99, "running"));
        assertThat(s.node("dc1-c1").pid()).isEqualTo(99);
        assertThat(s.node("dc1-c1").state()).isEqualTo("running");
        assertThat(s.node("dc1-s1")).isEqualTo(sample().node("dc1-s1"));
    }
}
