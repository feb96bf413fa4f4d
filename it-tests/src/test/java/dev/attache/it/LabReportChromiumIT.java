package dev.attache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.agent.lab.report.ReportCommand;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code attache lab report} on a realistic lab directory (two datacenters, a kill, a pause, a partition, a restart
 * and a false suspicion, with the jitter gossip has), and its page loaded in headless Chromium (Debian's
 * {@code chromium}, installed when missing as {@link PrometheusPromtoolIT} installs promtool): the DOM Chromium builds
 * holds the plot and the figures of report.json, and a screenshot shows the status colours.
 */
class LabReportChromiumIT {
    private static final long T0 = 1_796_346_120_000L;
    private static final Path OUT = Path.of("target", "lab-report");
    private static final int ALIVE_RGB = 0x2e9e44;
    private static final int FAILED_RGB = 0xd7301f;
    private static final int SUSPECT_RGB = 0xf0a500;
    private static Path page;
    private static JsonNode report;
    private static String stdout;

    @BeforeAll
    static void report() throws Exception {
        Path lab = new SimulatedLab().write(OUT.resolve("lab"));
        page = OUT.resolve("report.html").toAbsolutePath();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReportCommand.run(List.of("--dir", lab.toString(), "--out", page.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        report = new ObjectMapper().readTree(OUT.resolve("report.json").toFile());
    }

    @Test
    void theFiguresAreRight() {
        JsonNode kill = fault("kill");
        assertThat(kill.get("observations")).as("dc1's five other nodes, in the LAN pool only").hasSize(5);
        assertThat(kill.get("missed")).isEmpty();
        assertThat(kill.get("convergence_ms").asLong()).as("suspect 600-1050 ms, then failed 200-650 ms later").isBetween(800L, 1_700L);
        JsonNode pause = fault("pause");
        assertThat(pause.get("latency")).extracting(p -> p.get("pool").asText()).containsExactly("lan", "wan");
        JsonNode partition = fault("partition");
        assertThat(partition.get("observations")).as("3 x 2 pairs both ways in the LAN, 2 x 1 both ways in the WAN")
                .hasSize(2 * 3 * 2 + 2 * 2);
        assertThat(report.get("false_suspicions")).hasSize(1);
        assertThat(report.get("false_suspicions").get(0).get("member").asText()).isEqualTo("dc1-c1");
        assertThat(stdout).contains("kill dc1-c2", "False suspicions\n");
    }

    @Test
    void chromiumRendersThePlotAndTheFigures() throws Exception {
        Path chromium = DebianPackages.require(Path.of("/usr/bin/chromium"), "chromium");
        Path dom = OUT.resolve("dom.html");
        chromium(chromium, "--dump-dom", dom);
        String rendered = Files.readString(dom);

        assertThat(rendered).contains("<svg id=\"timeline\"", "Attaché lab report");
        assertThat(count(rendered, "<rect class=\"s-")).as("status segments in the plot").isGreaterThan(100);
        assertThat(count(rendered, "<g class=\"fault\">")).isEqualTo(report.get("faults").size());
        for (JsonNode f : report.get("faults")) {
            assertThat(rendered).contains(escape(f.get("label").asText()));
            if (!f.get("observations").isEmpty() && !f.get("action").asText().equals("up")) {
                assertThat(rendered).contains("id=\"latency-" + f.get("index").asInt() + "\"");
            }
        }
        String killRow = tableRow(rendered, "faults", "kill dc1-c2");
        JsonNode kill = fault("kill").get("latency").get(0);
        assertThat(killRow).contains("<td>" + kill.get("seen").asInt() + "/" + kill.get("observations").asInt() + "</td>",
                "<td>" + millis(kill.get("p50_ms").asLong()) + "</td>",
                "<td>" + millis(kill.get("max_ms").asLong()) + "</td>");
        assertThat(rendered).contains("<table id=\"false-suspicions\">", "<td>dc1-c3</td><td>dc1-c1</td>");
    }

    @Test
    void theScreenshotShowsTheStatusColours() throws Exception {
        Path chromium = DebianPackages.require(Path.of("/usr/bin/chromium"), "chromium");
        Path png = OUT.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        chromium(chromium, "--screenshot=" + png, null);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG at %s", png).isNotNull();
        Map<Integer, Integer> colours = new LinkedHashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.merge(image.getRGB(x, y) & 0xffffff, 1, Integer::sum);
            }
        }
        assertThat(colours.size()).as("distinct colours: not a blank page").isGreaterThan(20);
        assertThat(colours.getOrDefault(ALIVE_RGB, 0)).as("alive pixels").isGreaterThan(5_000);
        assertThat(colours.getOrDefault(FAILED_RGB, 0)).as("failed pixels").isGreaterThan(200);
        assertThat(colours.getOrDefault(SUSPECT_RGB, 0)).as("suspect pixels").isGreaterThan(20);
    }

    private static JsonNode fault(String action) {
        for (JsonNode f : report.get("faults")) {
            if (f.get("action").asText().equals(action)) {
                return f;
            }
        }
        throw new AssertionError("no " + action + " in report.json");
    }

    /** The page loaded from disk by headless Chromium: the DOM it built into {@code dom}, or a screenshot. */
    private static void chromium(Path chromium, String what, Path dom) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("lab-report-chromium");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--window-size=1280,1800", what, page.toUri().toString()));
        Path log = OUT.resolve("chromium-stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
        pb.redirectOutput(dom == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(dom.toFile()));
        try {
            Process p = pb.start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("chromium did not finish in 90 s: " + String.join(" ", command));
            }
            assertThat(p.exitValue()).as("chromium's exit status; its stderr is in %s", log).isZero();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String tableRow(String html, String table, String cell) {
        int start = html.indexOf("<table id=\"" + table + "\">");
        assertThat(start).as("table %s", table).isNotNegative();
        String body = html.substring(start, html.indexOf("</table>", start));
        Matcher m = Pattern.compile("<tr>.*?</tr>").matcher(body);
        while (m.find()) {
            if (m.group().contains("<td>" + escape(cell) + "</td>")) {
                return m.group();
            }
        }
        throw new AssertionError("no row with " + cell + " in table " + table);
    }

    /** Milliseconds as the page writes them (under a minute). */
    private static String millis(long ms) {
        if (ms < 1000) {
            return ms + "ms";
        }
        String s = String.format(java.util.Locale.ROOT, "%.3f", ms / 1000.0).replaceAll("0+$", "");
        return (s.endsWith(".") ? s.substring(0, s.length() - 1) : s) + "s";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * A lab run as its agents and the lab command would have written it: dc1 with three servers and three clients,
     * dc2 with one server, fast gossip, and detection times with gossip's spread.
     */
    private static final class SimulatedLab {
        private final Random random = new Random(7);
        private final List<String[]> nodes = List.of(
                new String[] {"dc1-s1", "dc1", "server"}, new String[] {"dc1-s2", "dc1", "server"},
                new String[] {"dc1-s3", "dc1", "server"}, new String[] {"dc1-c1", "dc1", "client"},
                new String[] {"dc1-c2", "dc1", "client"}, new String[] {"dc1-c3", "dc1", "client"},
                new String[] {"dc2-s1", "dc2", "server"});
        private final Map<String, List<String>> timelines = new LinkedHashMap<>();
        private final List<String> faults = new ArrayList<>();

        Path write(Path dir) throws IOException {
            run();
            Files.createDirectories(dir.resolve("timelines"));
            StringBuilder json = new StringBuilder("{\"mode\":\"process\",\"created\":\"" + Instant.ofEpochMilli(T0)
                    + "\",\"gossip\":\"fast\",\"netns\":false,\"nodes\":[");
            int port = 0;
            for (String[] n : nodes) {
                boolean server = n[2].equals("server");
                json.append(port == 0 ? "" : ",").append("{\"name\":\"").append(n[0]).append("\",\"dc\":\"")
                        .append(n[1]).append("\",\"role\":\"").append(n[2]).append("\",\"pid\":").append(4100 + port)
                        .append(",\"http\":\"127.0.0.1:").append(18500 + port).append("\",\"lan\":\"127.0.0.1:")
                        .append(18301 + port * 10).append("\",\"wan\":")
                        .append(server ? "\"127.0.0.1:" + (18302 + port * 10) + "\"" : "null")
                        .append(",\"data_dir\":\"").append(dir.resolve("data").resolve(n[0]))
                        .append("\",\"log\":\"logs/").append(n[0]).append(".log\",\"timeline\":\"timelines/")
                        .append(n[0]).append(".jsonl\",\"netns\":null,\"state\":\"")
                        .append("running").append("\"}");
                port++;
            }
            Files.writeString(dir.resolve("lab.json"), json.append("]}\n").toString());
            for (var e : timelines.entrySet()) {
                List<String> lines = new ArrayList<>(e.getValue());
                lines.sort((a, b) -> Long.compare(unixMs(a), unixMs(b)));
                Files.writeString(dir.resolve("timelines").resolve(e.getKey() + ".jsonl"),
                        String.join("\n", lines) + "\n");
            }
            Files.writeString(dir.resolve("faults.jsonl"), String.join("\n", faults) + "\n");
            return dir;
        }

        private void run() {
            fault(0, "up", List.of(), null);
            for (String[] o : nodes) {
                for (String[] m : nodes) {
                    if (o != m) {
                        see(o, m, 150 + random.nextInt(450), "none", "alive");
                    }
                }
            }
            fault(5_000, "kill", List.of("dc1-c2"), null);
            detect(List.of("dc1-c2"), others("dc1-c2"), 5_000, 600, 900);
            fault(10_000, "pause", List.of("dc1-s3"), null);
            detect(List.of("dc1-s3"), others("dc1-s3", "dc1-c2"), 10_000, 700, 1_000);
            fault(14_000, "resume", List.of("dc1-s3"), null);
            recover(List.of("dc1-s3"), others("dc1-s3", "dc1-c2"), 14_000);
            List<String> a = List.of("dc1-s1", "dc1-s2", "dc1-c1");
            List<String> b = List.of("dc1-s3", "dc1-c3");
            fault(18_000, "partition", List.of(), List.of(a, b));
            detect(b, a, 18_000, 600, 1_000);
            detect(a, b, 18_000, 600, 1_000);
            fault(24_000, "heal", List.of(), null);
            recover(b, a, 24_000);
            recover(a, b, 24_000);
            see(node("dc1-c3"), node("dc1-c1"), 28_000, "alive", "suspect");
            see(node("dc1-c3"), node("dc1-c1"), 28_450, "suspect", "alive");
            fault(30_000, "restart", List.of("dc1-c2"), null);
            recover(List.of("dc1-c2"), others("dc1-c2"), 30_000);
            fault(33_000, "down", List.of(), null);
        }

        /** Each observer sees each member suspect, then failed, {@code base} ms and some jitter after the fault. */
        private void detect(List<String> members, List<String> observers, long at, int base, int spread) {
            for (String o : observers) {
                for (String m : members) {
                    long suspect = at + base + random.nextInt(spread / 2);
                    long failed = suspect + 200 + random.nextInt(spread / 2);
                    see(node(o), node(m), suspect, "alive", "suspect");
                    see(node(o), node(m), failed, "suspect", "failed");
                }
            }
        }

        private void recover(List<String> members, List<String> observers, long at) {
            for (String o : observers) {
                for (String m : members) {
                    see(node(o), node(m), at + 200 + random.nextInt(700), "failed", "alive");
                }
            }
        }

        /** The record in the observer's timeline, in each pool the two share. */
        private void see(String[] o, String[] m, long offset, String from, String to) {
            if (o[1].equals(m[1])) {
                record(o, "lan", m[0], offset, from, to);
            }
            if (o[2].equals("server") && m[2].equals("server")) {
                record(o, "wan", m[0] + "." + m[1], offset + (o[1].equals(m[1]) ? 0 : 300), from, to);
            }
        }

        private void record(String[] o, String pool, String member, long offset, String from, String to) {
            long ms = T0 + offset;
            timelines.computeIfAbsent(o[0], k -> new ArrayList<>()).add("{\"time\":\"" + Instant.ofEpochMilli(ms)
                    + "\",\"unix_ms\":" + ms + ",\"observer\":\"" + o[0] + "\",\"dc\":\"" + o[1] + "\",\"pool\":\""
                    + pool + "\",\"member\":\"" + member + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");
        }

        private void fault(long offset, String action, List<String> names, List<List<String>> groups) {
            long ms = T0 + offset;
            StringBuilder b = new StringBuilder("{\"time\":\"" + Instant.ofEpochMilli(ms) + "\",\"unix_ms\":" + ms
                    + ",\"action\":\"" + action + "\",\"nodes\":" + array(names));
            if (groups != null) {
                b.append(",\"groups\":[").append(array(groups.get(0))).append(',').append(array(groups.get(1)))
                        .append(']');
            }
            faults.add(b.append('}').toString());
        }

        private List<String> others(String... not) {
            List<String> out = new ArrayList<>();
            for (String[] n : nodes) {
                if (!List.of(not).contains(n[0])) {
                    out.add(n[0]);
                }
            }
            return out;
        }

        private String[] node(String name) {
            return nodes.stream().filter(n -> n[0].equals(name)).findFirst().orElseThrow();
        }

        private static String array(List<String> names) {
            return names.stream().map(n -> "\"" + n + "\"").reduce((x, y) -> x + "," + y).map(s -> "[" + s + "]")
                    .orElse("[]");
        }

        private static long unixMs(String line) {
            Matcher m = Pattern.compile("\"unix_ms\":(\\d+)").matcher(line);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }
    }
}
