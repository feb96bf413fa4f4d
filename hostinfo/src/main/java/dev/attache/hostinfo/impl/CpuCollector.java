package dev.attache.hostinfo.impl;

import dev.attache.hostinfo.HostInfo.Cpu;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.LogicalProcessor;
import oshi.hardware.CentralProcessor.ProcessorCache;
import oshi.hardware.CentralProcessor.ProcessorIdentifier;

/**
 * One {@link Cpu} per logical processor, as gopsutil's {@code cpu.Info()} lists them on Linux.
 *
 * <p>Everything here is static for the life of the process (gopsutil reports the maximum clock, not
 * the current one), so the list is built once and reused. OSHI gives the identity and topology;
 * {@code /proc/cpuinfo} fills what OSHI lacks (microcode, cache size, per-CPU fallbacks).
 */
final class CpuCollector {

  static final String CPUINFO = "/proc/cpuinfo";

  private final CentralProcessor processor;
  private final HostFiles files;
  private final Lazy<List<Cpu>> cpus = new Lazy<>(this::read);

  CpuCollector(CentralProcessor processor, HostFiles files) {
    this.processor = processor;
    this.files = files;
  }

  List<Cpu> collect() {
    return cpus.get();
  }

  private List<Cpu> read() {
    ProcessorIdentifier id = processor.getProcessorIdentifier();
    Map<Integer, Map<String, String>> cpuinfo = parseCpuinfo(files.lines(CPUINFO));
    List<String> oshiFlags = parseFlags(processor.getFeatureFlags());
    long maxFreq = processor.getMaxFreq();
    long[] currentFreq = processor.getCurrentFreq();
    int oshiCacheKb = largestCacheKb(processor.getProcessorCaches());

    List<Cpu> result = new ArrayList<>();
    for (LogicalProcessor lp : processor.getLogicalProcessors()) {
      int n = lp.getProcessorNumber();
      Map<String, String> info = cpuinfo.getOrDefault(n, Map.of());
      double mhz = maxFreq > 0 ? maxFreq / 1e6
          : id.getVendorFreq() > 0 ? id.getVendorFreq() / 1e6
          : parseDouble(info.get("cpu MHz"),
              n < currentFreq.length && currentFreq[n] > 0 ? currentFreq[n] / 1e6 : 0.0);
      int cacheKb = parseLeadingInt(info.get("cache size"), oshiCacheKb);
      List<String> flags = !oshiFlags.isEmpty() ? oshiFlags
          : parseFlags(List.of(info.getOrDefault("flags", info.getOrDefault("Features", ""))));
      result.add(new Cpu(
          n,
          first(id.getVendor(), info.get("vendor_id")),
          first(id.getFamily(), info.get("cpu family")),
          first(id.getModel(), info.get("model")),
          parseLeadingInt(id.getStepping(), parseLeadingInt(info.get("stepping"), 0)),
          String.valueOf(lp.getPhysicalPackageNumber()),
          String.valueOf(lp.getPhysicalProcessorNumber()),
          1, // gopsutil reports one core per logical CPU on Linux
          first(id.getName(), info.get("model name")),
          mhz,
          cacheKb,
          flags,
          info.getOrDefault("microcode", "")));
    }
    return List.copyOf(result);
  }

  /** Splits /proc/cpuinfo into one key/value map per {@code processor : N} block. */
  static Map<Integer, Map<String, String>> parseCpuinfo(List<String> lines) {
    Map<Integer, Map<String, String>> blocks = new HashMap<>();
    Map<String, String> current = null;
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (key.equals("processor")) {
        current = new HashMap<>();
        Integer n = parseIntOrNull(value);
        if (n != null) {
          blocks.put(n, current);
        }
      } else if (current != null) {
        current.putIfAbsent(key, value);
      }
    }
    return blocks;
  }

  /**
   * Flag names from OSHI's feature-flag lines ({@code "flags : fpu vme ..."} on Linux) or from a
   * cpuinfo value; the union in first-seen order when processors differ.
   */
  static List<String> parseFlags(List<String> lines) {
    Set<String> flags = new LinkedHashSet<>();
    for (String line : lines) {
      String values = line.contains(":") ? line.substring(line.indexOf(':') + 1) : line;
      for (String flag : values.trim().split("\\s+")) {
        if (!flag.isEmpty()) {
          flags.add(flag);
        }
      }
    }
    return List.copyOf(flags);
  }

  private static int largestCacheKb(List<ProcessorCache> caches) {
    long largest = 0;
    for (ProcessorCache cache : caches) {
      largest = Math.max(largest, Integer.toUnsignedLong(cache.getCacheSize()));
    }
    return (int) Math.min(Integer.MAX_VALUE, largest / 1024);
  }

  private static String first(String preferred, String fallback) {
    if (preferred != null && !preferred.isBlank() && !preferred.equalsIgnoreCase("unknown")) {
      return preferred.trim();
    }
    return fallback == null ? "" : fallback.trim();
  }

  /** The integer at the start of {@code "1024 KB"}-style text, or {@code fallback}. */
  static int parseLeadingInt(String text, int fallback) {
    if (text == null) {
      return fallback;
    }
    String[] fields = text.trim().split("\\s+");
    Integer n = parseIntOrNull(fields[0]);
    return n == null ? fallback : n;
  }

  private static double parseDouble(String text, double fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static Integer parseIntOrNull(String text) {
    try {
      return Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
