package dev.attache.agent.lab.run;

import java.nio.file.Path;
import java.util.List;

/** What an experiment does to a lab: the lab commands, as calls. */
public interface LabDriver {

    /** A node of the lab: its name, its HTTP address ({@code host:port}) and whether it runs unfrozen now. */
    record Node(String name, String http, boolean running) {
    }

    /** Starts the cluster in {@code dir} and waits until it has converged; progress goes to {@code progress}. */
    void up(Experiment.Cluster cluster, Path dir, java.io.PrintStream progress);

    List<Node> nodes();

    void kill(String node);

    void pause(String node);

    void resume(String node);

    void restart(String node);

    void partition(List<List<String>> groups);

    void heal();

    void loss(String node, int percent);

    /** Stops every agent, keeping the lab directory's timelines and fault log for the report. */
    void down();
}
