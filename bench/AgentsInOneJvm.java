import dev.attache.agent.Agent;
import dev.attache.agent.AgentConfig;
import dev.attache.cluster.GossipConfig;
import dev.attache.hostinfo.HostInfoProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The membership benchmark's in-process side: client agents with Consul's LAN gossip timing, standalone, each with
 * its own HTTP and gossip ports, all in this JVM. The harness (bench/membership.py, impl {@code attache-1jvm}) talks
 * to them over HTTP as it does to agent processes, and drives this program over stdin:
 * <pre>
 *   start NAME   starts an agent; prints "AGENT NAME HTTP_PORT LAN_PORT" once its HTTP API listens
 *   kill NAME    as LocalCluster.kill: cuts the agent's gossip both ways, then stops it without a leave; prints
 *                "KILLED NAME" at once
 *   rss          prints "RSS KIB" for this process
 * </pre>
 * Run with: java --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED -cp agent/target/attache.jar \
 *   bench/AgentsInOneJvm.java DATA_DIR
 */
public class AgentsInOneJvm {

    public static void main(String[] args) throws Exception {
        // stdout carries the protocol; the agents' logs go to stderr, which the harness sends to a file.
        PrintStream out = System.out;
        System.setOut(System.err);
        Path root = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("agents-in-one-jvm-");
        HostInfoProvider hostInfo = HostInfoProvider.oshi(); // one for all, as LocalCluster does
        Map<String, Agent> agents = new ConcurrentHashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.println("READY");
        out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "start" -> {
                    String name = words[1];
                    AgentConfig config = AgentConfig.builder().nodeName(name).server(false)
                            .bindAddress("127.0.0.1").clientAddress("127.0.0.1").ports(AgentConfig.Ports.EPHEMERAL)
                            .dataDir(root.resolve(name)).gossipLan(GossipConfig.LAN_DEFAULTS).logLevel("warn").build();
                    Agent agent = Agent.builder().config(config).hostInfo(hostInfo).start();
                    agents.put(name, agent);
                    out.println("AGENT " + name + " " + agent.httpPort() + " " + agent.serfLanPort());
                }
                case "kill" -> {
                    Agent agent = agents.remove(words[1]);
                    agent.cluster().faults().sever(); // as LocalCluster.kill: nothing more in or out, as kill -9
                    agent.stop();
                    out.println("KILLED " + words[1]);
                }
                case "rss" -> out.println("RSS " + Files.readAllLines(Path.of("/proc/self/status")).stream()
                        .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).findFirst().orElse("0"));
                default -> out.println("ERROR unknown command " + line);
            }
            out.flush();
        }
        agents.values().parallelStream().forEach(Agent::close);
        System.exit(0);
    }
}
