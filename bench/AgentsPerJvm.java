import dev.attache.agent.Agent;
import dev.attache.agent.AgentConfig;
import dev.attache.cluster.GossipConfig;
import dev.attache.cluster.MemberStatus;
import dev.attache.hostinfo.HostInfoProvider;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * How many agents fit in one JVM: starts agents one after the other (one datacenter, one server then client agents,
 * all in one LAN pool, fast gossip), and at each checkpoint waits until every agent sees all N alive, then prints
 * the heap used after a full GC, the heap per extra agent, live threads and the process's RSS.
 * Run with: java -Xmx4g --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED -cp agent/target/attache.jar \
 *   bench/AgentsPerJvm.java [checkpoints, default 1,10,25,50,75,100] [fast|lan gossip, default fast] [data dir]
 */
public class AgentsPerJvm {
    static final long CONVERGE_MILLIS = 180_000;
    static volatile int peakFds;
    static volatile Map<String, Integer> peakKinds = Map.of();

    public static void main(String[] args) throws Exception {
        int[] checkpoints = Arrays.stream((args.length > 0 ? args[0] : "1,10,25,50,75,100").split(","))
                .mapToInt(Integer::parseInt).sorted().toArray();
        GossipConfig gossip = args.length > 1 && args[1].equals("lan") ? GossipConfig.LAN_DEFAULTS : GossipConfig.FAST;
        Path root = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("agents-per-jvm-");
        HostInfoProvider hostInfo = HostInfoProvider.oshi(); // one for all, as LocalCluster does
        List<Agent> agents = new ArrayList<>();
        String seed = null;
        long heapOne = 0;
        int max = checkpoints[checkpoints.length - 1];
        System.out.printf("%6s %10s %12s %14s %8s %8s %9s %12s %11s%n", "agents", "start ms", "heap MiB",
                "MiB/extra agent", "threads", "fds", "RSS MiB", "converged ms", "all see N");
        long startedAll = System.nanoTime();
        Thread sampler = new Thread(() -> {
            while (true) {
                Map<String, Integer> now = fds();
                int total = now.values().stream().mapToInt(Integer::intValue).sum();
                if (total > peakFds) {
                    peakFds = total;
                    peakKinds = now;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fd-sampler");
        sampler.setDaemon(true);
        sampler.start();
        int next = 0;
        try {
            for (int n = 1; n <= max; n++) {
                boolean server = n == 1;
                String name = server ? "bench-s1" : "bench-c" + (n - 1);
                AgentConfig.Builder b = AgentConfig.builder().nodeName(name).server(server)
                        .bootstrapExpect(server ? 1 : 0).bindAddress("127.0.0.1").clientAddress("127.0.0.1")
                        .ports(AgentConfig.Ports.EPHEMERAL).dataDir(root.resolve(name))
                        .gossipLan(gossip).gossipWan(gossip).logLevel("warn");
                if (seed != null) {
                    b.retryJoin(seed);
                }
                long t0 = System.nanoTime();
                Agent agent = Agent.builder().config(b.build()).hostInfo(hostInfo).start();
                long startMs = (System.nanoTime() - t0) / 1_000_000;
                agents.add(agent);
                if (seed == null) {
                    seed = agent.lanAddress();
                }
                if (n != checkpoints[next]) {
                    continue;
                }
                next++;
                long c0 = System.nanoTime();
                boolean converged = awaitConverged(agents);
                long convergedMs = (System.nanoTime() - c0) / 1_000_000;
                long heap = heapAfterGc();
                if (n == 1) {
                    heapOne = heap;
                }
                String perAgent = n == 1 ? "-" : String.format("%.1f", (heap - heapOne) / 1048576.0 / (n - 1));
                System.out.printf("%6d %10d %12.0f %14s %8d %8d %9d %12d %11s%n", n, startMs, heap / 1048576.0, perAgent,
                        ManagementFactory.getThreadMXBean().getThreadCount(), fds().values().stream()
                                .mapToInt(Integer::intValue).sum(), rssMiB(), convergedMs,
                        converged ? "yes" : "NO");
                if (System.getenv("AGENTS_PER_JVM_FDS") != null) {
                    System.out.println("       fds: " + fds() + "; peak so far " + peakFds + " " + peakKinds);
                }
            }
            System.out.printf("started %d agents in %.1f s (checkpoints included)%n", max,
                    (System.nanoTime() - startedAll) / 1e9);
            printThreads();
            System.out.println("file descriptors by kind: " + fds());
        } finally {
            long s0 = System.nanoTime();
            CompletableFuture.allOf(agents.stream().map(Agent::stop).toArray(CompletableFuture[]::new))
                    .get(5, TimeUnit.MINUTES);
            System.out.printf("stopped %d agents in %.1f s%n", agents.size(), (System.nanoTime() - s0) / 1e9);
        }
        System.exit(0);
    }

    /** True once every agent sees exactly N members alive in the LAN pool. */
    static boolean awaitConverged(List<Agent> agents) throws InterruptedException {
        long deadline = System.currentTimeMillis() + CONVERGE_MILLIS;
        int n = agents.size();
        while (System.currentTimeMillis() < deadline) {
            boolean all = true;
            for (Agent a : agents) {
                long alive = a.membership().members().stream().filter(m -> m.status() == MemberStatus.ALIVE).count();
                if (alive != n) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
            Thread.sleep(100); // polling the views, not waiting for an event
        }
        return false;
    }

    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    /** Open file descriptors by kind (socket, pipe, anon_inode:[eventpoll], ...). */
    static Map<String, Integer> fds() {
        Map<String, Integer> byKind = new TreeMap<>();
        try (var dir = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : dir) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    String kind = target.startsWith("/") ? "file" : target.replaceAll("[:\\[]\\d+\\]?$", "");
                    byKind.merge(kind, 1, Integer::sum);
                } catch (Exception e) {
                    // closed meanwhile
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return byKind;
    }

    /** Live threads by name, digits folded ("netty-messaging-event-nio-client-#"), most numerous first. */
    static void printThreads() {
        Map<String, Integer> byKind = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String kind = t.getName().replaceAll("bench-[sc]\\d+", "<agent>").replaceAll("\\d+", "#");
            byKind.merge(kind, 1, Integer::sum);
        }
        System.out.println("threads by name:");
        byKind.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(25)
                .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
    }
}
