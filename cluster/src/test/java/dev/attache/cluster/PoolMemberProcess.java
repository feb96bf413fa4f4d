package dev.attache.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A client agent in a JVM of its own, for tests that freeze or kill a pool member: {@code <name> <lan-port>
 * <join-address> <data-dir>}. Prints {@code READY} once started; stops when its standard input closes (so it never
 * outlives the test JVM).
 */
public final class PoolMemberProcess {

    private PoolMemberProcess() {
    }

    public static void main(String[] args) throws Exception {
        ClusterConfig config = new ClusterConfig(args[0], UUID.randomUUID().toString(), "dc1", "127.0.0.1",
                Integer.parseInt(args[1]), 0, 0, false, 0, List.of(args[2]), List.of(), Path.of(args[3]),
                TestAgents.FAST, TestAgents.FAST, Map.of("build", "test"));
        AgentCluster agent = AgentCluster.start(config).get(60, TimeUnit.SECONDS);
        System.out.println("READY " + agent.serfLanPort());
        System.out.flush();
        while (System.in.read() != -1) {
            // wait for the parent to close our standard input
        }
        agent.stop().get(30, TimeUnit.SECONDS);
        System.exit(0);
    }
}
