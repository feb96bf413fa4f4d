package dev.attache.agent.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReportCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path lab() throws Exception {
        return new LabFixture("fast").node("dc1-s1", "dc1", "server").node("dc1-c1", "dc1", "client")
                .node("dc1-c2", "dc1", "client").fault(0, "up").joined(100).fault(5_000, "kill", "dc1-c2")
                .saw(5_900, "dc1-s1", "dc1-c2", "alive", "failed").saw(6_100, "dc1-c1", "dc1-c2", "alive", "failed")
                .saw(8_000, "dc1-s1", "dc1-c1", "alive", "suspect").saw(8_400, "dc1-s1", "dc1-c1", "suspect", "alive")
                .write(dir.resolve("lab"));
    }

    @Test
    void writesThePageAndTheJsonAndPrintsTheTables() throws Exception {
        Path lab = lab();
        Result r = run("--dir", lab.toString());

        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("3 nodes", "1 false suspicion\n")
                .containsPattern("(?m)^#  Offset  Fault +Measures  Pool  Seen  p50 +p90 +p99 +Max +Convergence$")
                .containsPattern("(?m)^2  5s +kill dc1-c2  failed +lan +2/2 +900ms +1.1s +1.1s +1.1s +1.1s$")
                .containsPattern("(?m)^dc1-s1 +dc1-c1  lan   1 +1 +\\+8s  -$")
                .contains("Wrote " + lab.resolve("report.html") + " and " + lab.resolve("report.json"));
        String html = Files.readString(lab.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg id=\"timeline\"", "id=\"latency-2\"")
                .doesNotContain("<script", "http://", "https://", "@import", "url(");
        String json = Files.readString(lab.resolve("report.json"));
        assertThat(json).contains("\"convergence_ms\": 1100", "\"p50_ms\": 900", "\"false_suspicions\"");
    }

    @Test
    void outNamesThePageAndTheJsonGoesBesideIt() throws Exception {
        Path lab = lab();
        Path page = dir.resolve("out/run-1.html");
        Result r = run("-dir=" + lab, "--out", page.toString());

        assertThat(r.code()).isZero();
        assertThat(page).exists();
        assertThat(dir.resolve("out/run-1.json")).exists();
        assertThat(lab.resolve("report.html")).doesNotExist();
    }

    @Test
    void aMissingLabIsOneLineAndExitOne() {
        Path none = dir.resolve("none");
        Result r = run("--dir", none.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error: no lab in " + none + " (" + none.resolve("lab.json") + " is missing)\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aPageThatCannotBeWrittenIsOneLineAndExitOne() throws Exception {
        Path lab = lab();
        Path blocker = Files.writeString(dir.resolve("file"), "not a directory");
        Result r = run("--dir", lab.toString(), "--out", blocker.resolve("report.html").toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error: cannot write " + blocker.resolve("report.html") + ": " + blocker
                + " is a file, not a directory\n");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("--bogus").code()).isEqualTo(2);
        assertThat(run("--bogus").err()).startsWith("flag provided but not defined: --bogus\nUsage: attache lab report");
        assertThat(run("--dir").err()).startsWith("flag needs an argument: --dir\n");
        assertThat(run("extra").code()).isEqualTo(2);
        assertThat(run("--out", "x.json").code()).isEqualTo(2);
        Result help = run("-h");
        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("Usage: attache lab report [--dir DIR] [--out FILE]");
    }
}
