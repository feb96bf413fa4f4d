package dev.attache.agent.lab.run;

import dev.attache.agent.lab.ClusterProbe;
import dev.attache.cluster.MemberStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs an experiment's steps on a lab, unattended, with a progress line per step; stops at the first step that
 * fails. The lab is taken down in every case, so that its timelines and fault log are complete for the report.
 */
public final class ExperimentRunner {
    /** How often an {@code await} step asks the observers for their views. */
    static final Duration POLL = Duration.ofMillis(200);

    private final LabDriver lab;
    private final PrintStream out;
    private final ClusterProbe probe = new ClusterProbe();
    private long startNanos;

    public ExperimentRunner(LabDriver lab, PrintStream out) {
        this.lab = lab;
        this.out = out;
    }

    /**
     * Starts the cluster, runs every step, takes the lab down. Throws {@link ExperimentException} for the step
     * that failed (after the lab is down).
     */
    public void run(Experiment experiment, java.nio.file.Path dir) {
        startNanos = System.nanoTime();
        Experiment.Cluster c = experiment.cluster();
        progress("experiment \"" + experiment.name() + "\": " + c.dcs() + " dc(s) × " + c.servers() + " server(s) + "
                + c.clients() + " client(s), " + c.gossip() + " gossip, " + experiment.steps().size() + " steps");
        lab.up(c, dir, out);
        try {
            List<Experiment.Step> steps = experiment.steps();
            for (int i = 0; i < steps.size(); i++) {
                Experiment.Step step = steps.get(i);
                progress("step " + (i + 1) + "/" + steps.size() + ": " + step.describe());
                try {
                    long t0 = System.nanoTime();
                    perform(step);
                    if (step instanceof Experiment.Await) {
                        progress("  done in " + millis(System.nanoTime() - t0) + " ms");
                    }
                } catch (ExperimentException e) {
                    throw new ExperimentException("step " + (i + 1) + " (" + step.describe() + ") failed: "
                            + e.getMessage());
                }
            }
        } finally {
            progress("taking the lab down");
            lab.down();
        }
        progress("experiment done");
    }

    private void perform(Experiment.Step step) {
        if (step instanceof Experiment.Wait w) {
            pause(w.duration());
        } else if (step instanceof Experiment.NodeAction a) {
            switch (a.action()) {
                case "kill" -> lab.kill(a.node());
                case "pause" -> lab.pause(a.node());
                case "resume" -> lab.resume(a.node());
                case "restart" -> lab.restart(a.node());
                default -> throw new ExperimentException("unknown action " + a.action());
            }
        } else if (step instanceof Experiment.Partition p) {
            lab.partition(p.groups());
        } else if (step instanceof Experiment.Heal) {
            lab.heal();
        } else if (step instanceof Experiment.Loss l) {
            lab.loss(l.node(), l.percent());
        } else if (step instanceof Experiment.Await a) {
            await(a);
        }
    }

    /** Polls the observers' member lists until each shows the member with the status, or the timeout passes. */
    private void await(Experiment.Await a) {
        List<LabDriver.Node> observers = lab.nodes().stream()
                .filter(n -> a.observers().isEmpty() ? n.running() && !n.name().equals(a.member())
                        : a.observers().contains(n.name()))
                .toList();
        if (observers.isEmpty()) {
            throw new ExperimentException("no running node to observe " + a.member());
        }
        long deadline = System.nanoTime() + a.timeout().toNanos();
        Map<String, String> seen = new TreeMap<>();
        while (true) {
            seen.clear();
            for (LabDriver.Node o : observers) {
                seen.put(o.name(), statusOf(o, a.member()));
            }
            if (seen.values().stream().allMatch(a.status()::equals)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new ExperimentException("not every observer saw " + a.member() + " " + a.status() + " within "
                        + a.timeout().toSeconds() + "s; views: " + seen);
            }
            pause(POLL);
        }
    }

    /** The member's status in the observer's LAN view ("none" when absent, "unreachable" when it does not answer). */
    private String statusOf(LabDriver.Node observer, String member) {
        return probe.status(observer.http(), member).map(MemberStatus::word).orElse("unreachable");
    }

    /** A scripted wait: the experiment lets time pass (a step of the script, not a wait for a condition). */
    private static void pause(Duration d) {
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExperimentException("interrupted");
        }
    }

    private void progress(String line) {
        out.printf("[%7.1fs] %s%n", (System.nanoTime() - startNanos) / 1e9, line);
        out.flush();
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
