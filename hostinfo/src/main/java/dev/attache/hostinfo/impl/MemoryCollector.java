package dev.attache.hostinfo.impl;

import dev.attache.hostinfo.HostInfo.Memory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oshi.hardware.GlobalMemory;
import oshi.hardware.VirtualMemory;

/**
 * Virtual-memory statistics the way gopsutil's {@code mem.VirtualMemory()} reports them on Linux.
 *
 * <p>Totals, availability, swap and commit figures come from OSHI's {@link GlobalMemory} and
 * {@link VirtualMemory}; the other kernel counters OSHI does not expose are read from
 * {@code /proc/meminfo}. Where neither has a field (other platforms) it stays 0, as in gopsutil.
 */
final class MemoryCollector {

  static final String MEMINFO = "/proc/meminfo";
  private static final long KIB = 1024L;

  private final GlobalMemory memory;
  private final HostFiles files;

  MemoryCollector(GlobalMemory memory, HostFiles files) {
    this.memory = memory;
    this.files = files;
  }

  Memory collect() {
    VirtualMemory vm = memory.getVirtualMemory();
    long swapTotal = vm.getSwapTotal();
    OshiFacts facts = new OshiFacts(memory.getTotal(), memory.getAvailable(), swapTotal,
        swapTotal - vm.getSwapUsed(), vm.getVirtualMax(), vm.getVirtualInUse());
    return build(facts, parseMeminfo(files.lines(MEMINFO)));
  }

  /** What OSHI knows on every platform, in bytes. */
  record OshiFacts(long total, long available, long swapTotal, long swapFree, long commitLimit,
      long committedAs) {}

  /** Parses {@code Key:   123 kB} lines into raw numbers (kB, or a count for HugePages_*). */
  static Map<String, Long> parseMeminfo(List<String> lines) {
    Map<String, Long> values = new HashMap<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String[] fields = line.substring(colon + 1).trim().split("\\s+");
      try {
        values.put(line.substring(0, colon).trim(), Long.parseLong(fields[0]));
      } catch (NumberFormatException e) {
        // a line gopsutil would fail on: skip it, keep the rest
      }
    }
    return values;
  }

  /** Combines OSHI's facts with /proc/meminfo, computing used/cached as gopsutil does. */
  static Memory build(OshiFacts oshi, Map<String, Long> meminfo) {
    long total = oshi.total() > 0 ? oshi.total() : bytes(meminfo, "MemTotal");
    long available = oshi.available() > 0 ? oshi.available() : bytes(meminfo, "MemAvailable");
    long free = bytes(meminfo, "MemFree");
    long buffers = bytes(meminfo, "Buffers");
    long sreclaimable = bytes(meminfo, "SReclaimable");
    long cached = bytes(meminfo, "Cached") + sreclaimable; // gopsutil adds SReclaimable to Cached
    long used = meminfo.containsKey("MemFree")
        ? total - free - buffers - cached
        : total - available;
    used = Math.max(0, used);
    double usedPercent = total > 0 ? 100.0 * used / total : 0.0;

    long swapTotal = oshi.swapTotal() > 0 ? oshi.swapTotal() : bytes(meminfo, "SwapTotal");
    long swapFree = oshi.swapTotal() > 0 ? oshi.swapFree() : bytes(meminfo, "SwapFree");
    long commitLimit = oshi.commitLimit() > 0 ? oshi.commitLimit() : bytes(meminfo, "CommitLimit");
    long committedAs = oshi.committedAs() > 0 ? oshi.committedAs() : bytes(meminfo, "Committed_AS");

    return new Memory(
        total,
        available,
        used,
        usedPercent,
        free,
        bytes(meminfo, "Active"),
        bytes(meminfo, "Inactive"),
        0, // wired: BSD/macOS only
        0, // laundry: FreeBSD only
        buffers,
        cached,
        bytes(meminfo, "Writeback"),
        bytes(meminfo, "Dirty"),
        bytes(meminfo, "WritebackTmp"),
        bytes(meminfo, "Shmem"),
        bytes(meminfo, "Slab"),
        sreclaimable,
        bytes(meminfo, "SUnreclaim"),
        bytes(meminfo, "PageTables"),
        bytes(meminfo, "SwapCached"),
        commitLimit,
        committedAs,
        bytes(meminfo, "HighTotal"),
        bytes(meminfo, "HighFree"),
        bytes(meminfo, "LowTotal"),
        bytes(meminfo, "LowFree"),
        swapTotal,
        Math.max(0, swapFree),
        bytes(meminfo, "Mapped"),
        bytes(meminfo, "VmallocTotal"),
        bytes(meminfo, "VmallocUsed"),
        bytes(meminfo, "VmallocChunk"),
        meminfo.getOrDefault("HugePages_Total", 0L),
        meminfo.getOrDefault("HugePages_Free", 0L),
        bytes(meminfo, "Hugepagesize"));
  }

  private static long bytes(Map<String, Long> meminfo, String key) {
    return meminfo.getOrDefault(key, 0L) * KIB;
  }
}
