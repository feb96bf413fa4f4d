package dev.attache.agent.lab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabReaderTest {
    @TempDir
    Path dir;

    private Path lab() throws Exception {
        return new LabFixture("fast").node("dc1-s1", "dc1", "server").node("dc1-c1", "dc1", "client")
                .fault(0, "up").joined(100).fault(5_000, "kill", "dc1-c1")
                .saw(6_000, "dc1-s1", "dc1-c1", "alive", "failed").write(dir);
    }

    @Test
    void readsManifestTimelinesAndFaultsInTimeOrder() throws Exception {
        LabRun run = LabReader.read(lab());

        assertThat(run.manifest().gossip()).isEqualTo("fast");
        assertThat(run.manifest().node("dc1-s1").server()).isTrue();
        assertThat(run.manifest().node("dc1-c1").server()).isFalse();
        assertThat(run.timelines().get("dc1-s1")).extracting(Transition::to).containsExactly("alive", "failed");
        assertThat(run.faults()).extracting(Fault::action).containsExactly("up", "kill");
        assertThat(run.warnings()).isEmpty();
    }

    @Test
    void aTruncatedLastLineIsSkippedWithAWarning() throws Exception {
        Path timeline = lab().resolve("timelines/dc1-s1.jsonl");
        Files.writeString(timeline, "{\"time\":\"2026-12-04T01:02:09Z\",\"unix_ms\":17963461290", StandardOpenOption.APPEND);

        LabRun run = LabReader.read(dir);

        assertThat(run.timelines().get("dc1-s1")).hasSize(2);
        assertThat(run.warnings()).containsExactly("timelines/dc1-s1.jsonl:3: skipped a truncated last line");
        assertThat(ReportAnalyzer.analyze(run).warnings()).hasSize(1);
    }

    @Test
    void aBadLineInTheMiddleIsAnErrorNamingFileAndLine() throws Exception {
        Path faults = lab().resolve("faults.jsonl");
        String lines = Files.readString(faults);
        Files.writeString(faults, "{\"unix_ms\":1,\"action\":\"explode\"}\n" + lines);

        assertThatThrownBy(() -> LabReader.read(dir)).isInstanceOf(LabReportException.class)
                .hasMessage("faults.jsonl:1: action \"explode\" is not one of up, kill, pause, resume, restart, "
                        + "partition, heal, loss, down");
        Files.writeString(faults, "not json\n" + lines);
        assertThatThrownBy(() -> LabReader.read(dir)).isInstanceOf(LabReportException.class)
                .hasMessageStartingWith("faults.jsonl:1: ").hasMessageNotContaining("\n");
    }

    @Test
    void anUnknownStatusIsAnError() throws Exception {
        Files.writeString(lab().resolve("timelines/dc1-c1.jsonl"), "{\"unix_ms\":1,\"observer\":\"dc1-c1\","
                + "\"pool\":\"lan\",\"member\":\"dc1-s1\",\"from\":\"none\",\"to\":\"dead\"}\n{}\n");

        assertThatThrownBy(() -> LabReader.read(dir))
                .hasMessage("timelines/dc1-c1.jsonl:1: status \"dead\" is not one of none, alive, suspect, failed, "
                        + "leaving, left");
    }

    @Test
    void missingFilesAreOneLineErrors() throws Exception {
        Path none = dir.resolve("nothing-here");
        assertThatThrownBy(() -> LabReader.read(none))
                .hasMessage("no lab in " + none + " (" + none.resolve("lab.json") + " is missing)");

        lab();
        Files.delete(dir.resolve("faults.jsonl"));
        assertThatThrownBy(() -> LabReader.read(dir))
                .hasMessage("no faults.jsonl in " + dir + " (" + dir.resolve("faults.jsonl") + " is missing)");

        try (var files = Files.list(dir.resolve("timelines"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        assertThatThrownBy(() -> LabReader.read(dir))
                .hasMessage("no timelines in " + dir.resolve("timelines")
                        + " (the lab's agents write timelines/<node>.jsonl)");
    }

    @Test
    void aManifestWithoutNodesIsAnError() throws Exception {
        lab();
        Files.writeString(dir.resolve("lab.json"), "{\"mode\":\"process\",\"nodes\":[]}");

        assertThatThrownBy(() -> LabReader.read(dir)).hasMessage(dir.resolve("lab.json") + ": no nodes");
    }
}
