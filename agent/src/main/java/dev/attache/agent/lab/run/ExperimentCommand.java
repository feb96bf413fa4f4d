package dev.attache.agent.lab.run;

import dev.attache.agent.lab.LabCommand;
import dev.attache.agent.lab.LabException;
import dev.attache.agent.lab.LabLock;
import dev.attache.agent.lab.report.ReportCommand;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code attache lab run [--dir DIR] [--in-process] EXPERIMENT.json}: starts the experiment's cluster, runs its
 * steps with a progress line each, takes the lab down and prints the report ({@code DIR/report.html} too). Exit 0
 * when every step ran, 1 when one failed (the report is still made), 2 for usage.
 */
public final class ExperimentCommand {
    static final String USAGE = """
            Usage: attache lab run [--dir DIR] [--in-process] EXPERIMENT.json

              Starts the experiment's cluster in DIR (default ./.attache-lab), runs its steps unattended, takes
              the lab down and writes the report (DIR/report.html, DIR/report.json).
              --in-process runs every agent in this JVM, with faults injected at their messaging.
            """;

    private ExperimentCommand() {
    }

    public static int run(List<String> args, LabCommand lab, PrintStream out, PrintStream err) {
        Path dir = Path.of(".attache-lab");
        boolean inProcess = false;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--in-process") || a.equals("-in-process")) {
                inProcess = true;
            } else if (a.equals("--dir") || a.equals("-dir")) {
                if (i + 1 >= args.size()) {
                    return usage(err, "--dir needs a directory");
                }
                dir = Path.of(args.get(++i));
            } else if (a.startsWith("--dir=")) {
                dir = Path.of(a.substring("--dir=".length()));
            } else if (a.equals("-h") || a.equals("--help") || a.equals("-help")) {
                out.print(USAGE);
                return 0;
            } else if (a.startsWith("-")) {
                return usage(err, "unknown flag " + a);
            } else {
                files.add(a);
            }
        }
        if (files.size() != 1) {
            return usage(err, "expected one experiment file");
        }
        dir = dir.toAbsolutePath().normalize();
        Experiment experiment;
        try {
            experiment = Experiment.read(Path.of(files.get(0)));
        } catch (ExperimentException e) {
            err.println("==> " + e.getMessage());
            return LabException.ERROR;
        }
        LabDriver driver = inProcess ? new InProcessLabDriver() : new ProcessLabDriver(lab);
        // A process lab's steps are lab commands, each of which takes the directory's lock itself; an in-process lab
        // holds it for the whole experiment.
        LabLock lock;
        try {
            lock = inProcess ? LabLock.acquire(dir, LabLock.WAIT) : null;
        } catch (LabException | UncheckedIOException e) {
            err.println("==> " + e.getMessage());
            return LabException.ERROR;
        }
        int exit = 0;
        try (lock) {
            new ExperimentRunner(driver, out).run(experiment, dir);
        } catch (ExperimentException | LabException | UncheckedIOException e) {
            err.println("==> " + e.getMessage());
            exit = LabException.ERROR;
        } catch (RuntimeException e) {
            err.println("==> the experiment stopped: " + e);
            exit = LabException.ERROR;
        }
        if (!java.nio.file.Files.isRegularFile(dir.resolve("lab.json"))) {
            return LabException.ERROR; // the lab never came up: nothing to report
        }
        out.println();
        int report = ReportCommand.run(List.of("--dir", dir.toString()), out, err);
        return exit != 0 ? exit : report;
    }

    private static int usage(PrintStream err, String what) {
        err.println("==> " + what);
        err.println();
        err.print(USAGE);
        return LabException.USAGE;
    }
}
