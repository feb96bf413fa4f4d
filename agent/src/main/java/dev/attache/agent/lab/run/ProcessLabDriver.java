package dev.attache.agent.lab.run;

import dev.attache.agent.lab.LabCommand;
import dev.attache.agent.lab.LabNode;
import dev.attache.agent.lab.LabState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An experiment on a lab of agent processes: each action is the {@code attache lab} command that does it. */
final class ProcessLabDriver implements LabDriver {
    private final LabCommand lab;
    private Path dir;

    ProcessLabDriver(LabCommand lab) {
        this.lab = lab;
    }

    @Override
    public void up(Experiment.Cluster c, Path dir, PrintStream progress) {
        this.dir = dir;
        lab("up", "--dcs", Integer.toString(c.dcs()), "--servers", Integer.toString(c.servers()),
                "--clients", Integer.toString(c.clients()), "--gossip", c.gossip());
    }

    @Override
    public List<Node> nodes() {
        return LabState.require(dir).nodes().stream()
                .map(n -> new Node(n.name(), n.http(), n.state().equals(LabNode.RUNNING)))
                .toList();
    }

    @Override
    public void kill(String node) {
        lab("kill", node);
    }

    @Override
    public void pause(String node) {
        lab("pause", node);
    }

    @Override
    public void resume(String node) {
        lab("resume", node);
    }

    @Override
    public void restart(String node) {
        lab("restart", node);
    }

    @Override
    public void partition(List<List<String>> groups) {
        List<String> args = new ArrayList<>(List.of("partition"));
        groups.forEach(g -> args.add(String.join(",", g)));
        lab(args.toArray(String[]::new));
    }

    @Override
    public void heal() {
        lab("heal");
    }

    @Override
    public void loss(String node, int percent) {
        lab("loss", node, Integer.toString(percent));
    }

    @Override
    public void down() {
        if (dir != null && LabState.read(dir).isPresent()) {
            lab("down");
        }
    }

    /** Runs one lab command on the experiment's directory; its own one-line error has been printed when it fails. */
    private void lab(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--dir");
        all.add(dir.toString());
        int exit = lab.run(all);
        if (exit != 0) {
            throw new ExperimentException("'attache lab " + args[0] + "' failed (exit " + exit + ")");
        }
    }
}
