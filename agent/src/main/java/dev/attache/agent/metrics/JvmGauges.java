package dev.attache.agent.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/**
 * Consul's runtime gauges, from the JVM where it has an honest counterpart. Go's allocator counts
 * ({@code malloc_count}, {@code free_count}, {@code heap_objects}) and its GC pause time have none and are left out;
 * the Prometheus output has the JVM's own collectors besides.
 */
final class JvmGauges {
    private JvmGauges() {
    }

    static void register(AgentMetrics m) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // goroutines → the JVM's live threads
        m.gauge("runtime.num_goroutines", threads::getThreadCount);
        // bytes of allocated heap objects → heap in use
        m.gauge("runtime.alloc_bytes", () -> memory.getHeapMemoryUsage().getUsed());
        // bytes obtained from the OS → heap and non-heap committed
        m.gauge("runtime.sys_bytes", () -> memory.getHeapMemoryUsage().getCommitted()
                + memory.getNonHeapMemoryUsage().getCommitted());
        // completed GC cycles → collections of every collector
        m.gauge("runtime.total_gc_runs", () -> ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum());
    }
}
