package dev.attache.agent.lab.report;

import dev.attache.api.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code attache lab report [--dir DIR] [--out FILE]}: reads a lab directory, prints the summary, and writes the
 * page ({@code <dir>/report.html} unless {@code --out}) with {@code report.json} beside it (the page's name with
 * {@code .json}). Exit 0; 1 with a one-line error; 2 for usage.
 */
public final class ReportCommand {
    public static final String DEFAULT_DIR = ".attache-lab";
    static final String USAGE = """
            Usage: attache lab report [--dir DIR] [--out FILE]

              Turns a lab's timelines and faults into detection latencies, convergence times and false
              suspicions: a summary on stdout, report.json, and a page to open in a browser.

            Options:

              --dir DIR    The lab directory. Default: ./.attache-lab
              --out FILE   Where to write the page. Default: DIR/report.html; report.json goes beside it.
            """;

    private ReportCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        String dir = DEFAULT_DIR;
        String outFile = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.startsWith("--") ? a.substring(2) : a.startsWith("-") ? a.substring(1) : null;
            if (name == null) {
                return usage(err, "unexpected argument: " + a);
            }
            if (name.equals("h") || name.equals("help")) {
                out.print(USAGE);
                return 0;
            }
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!name.equals("dir") && !name.equals("out")) {
                return usage(err, "flag provided but not defined: " + a);
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    return usage(err, "flag needs an argument: " + a);
                }
                value = args.get(++i);
            }
            if (value.isEmpty()) {
                return usage(err, "flag needs a non-empty value: " + a);
            }
            if (name.equals("dir")) {
                dir = value;
            } else {
                outFile = value;
            }
        }
        if (outFile != null && outFile.endsWith(".json")) {
            return usage(err, "--out names the page; report.json goes beside it: " + outFile);
        }
        try {
            Path labDir = Path.of(dir);
            Path html = outFile == null ? labDir.resolve("report.html") : Path.of(outFile);
            Path json = jsonBeside(html);
            LabRun run = LabReader.read(labDir);
            Report report = ReportAnalyzer.analyze(run);
            write(html, HtmlReport.render(run, report).getBytes(StandardCharsets.UTF_8));
            write(json, Json.write(report, true));
            out.print(ReportTables.text(report));
            out.println();
            out.println("Wrote " + html + " and " + json);
            return 0;
        } catch (LabReportException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        } catch (InvalidPathException e) {
            err.println("Error: invalid path: " + e.getMessage());
            return 1;
        }
    }

    static Path jsonBeside(Path html) {
        String name = html.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return html.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new LabReportException("cannot write " + file + ": " + LabReader.reason(e));
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.print(USAGE);
        return 2;
    }
}
