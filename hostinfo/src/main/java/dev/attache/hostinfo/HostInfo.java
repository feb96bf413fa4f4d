package dev.attache.hostinfo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * Facts about the host, in the exact wire shape of Consul's {@code GET /v1/agent/host}.
 *
 * <p>Top-level keys are Consul's ({@code Memory}, {@code CPU}, ...); the nested objects use gopsutil's
 * lowerCamel JSON names. Serialize it with any plain {@code ObjectMapper}: every name is explicit.
 *
 * @param memory         virtual-memory statistics (gopsutil {@code mem.VirtualMemoryStat})
 * @param cpu            one entry per logical processor (gopsutil {@code cpu.InfoStat})
 * @param host           host identity and uptime (gopsutil {@code host.InfoStat})
 * @param disk           usage of the file system mounted at {@code /} (gopsutil {@code disk.UsageStat})
 * @param collectionTime when collection started, in nanoseconds since the Unix epoch
 * @param errors         the parts that failed to collect; {@code null} (JSON {@code null}) when none did
 */
@JsonPropertyOrder({"Memory", "CPU", "Host", "Disk", "CollectionTime", "Errors"})
public record HostInfo(
    @JsonProperty("Memory") Memory memory,
    @JsonProperty("CPU") List<Cpu> cpu,
    @JsonProperty("Host") Host host,
    @JsonProperty("Disk") Disk disk,
    @JsonProperty("CollectionTime") long collectionTime,
    @JsonProperty("Errors") List<CollectionError> errors) {

  public HostInfo {
    Objects.requireNonNull(memory, "memory");
    cpu = cpu == null ? List.of() : List.copyOf(cpu);
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(disk, "disk");
    // Consul sends "Errors": null when nothing failed, so an empty list is normalised to null.
    errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
  }

  /** gopsutil {@code VirtualMemoryStat}: bytes, except the huge-page counts. */
  @JsonPropertyOrder({
      "total", "available", "used", "usedPercent", "free", "active", "inactive", "wired", "laundry",
      "buffers", "cached", "writeBack", "dirty", "writeBackTmp", "shared", "slab", "sreclaimable",
      "sunreclaim", "pageTables", "swapCached", "commitLimit", "committedAS", "highTotal", "highFree",
      "lowTotal", "lowFree", "swapTotal", "swapFree", "mapped", "vmallocTotal", "vmallocUsed",
      "vmallocChunk", "hugePagesTotal", "hugePagesFree", "hugePageSize"})
  public record Memory(
      @JsonProperty("total") long total,
      @JsonProperty("available") long available,
      @JsonProperty("used") long used,
      @JsonProperty("usedPercent") double usedPercent,
      @JsonProperty("free") long free,
      @JsonProperty("active") long active,
      @JsonProperty("inactive") long inactive,
      @JsonProperty("wired") long wired,
      @JsonProperty("laundry") long laundry,
      @JsonProperty("buffers") long buffers,
      @JsonProperty("cached") long cached,
      @JsonProperty("writeBack") long writeBack,
      @JsonProperty("dirty") long dirty,
      @JsonProperty("writeBackTmp") long writeBackTmp,
      @JsonProperty("shared") long shared,
      @JsonProperty("slab") long slab,
      @JsonProperty("sreclaimable") long sreclaimable,
      @JsonProperty("sunreclaim") long sunreclaim,
      @JsonProperty("pageTables") long pageTables,
      @JsonProperty("swapCached") long swapCached,
      @JsonProperty("commitLimit") long commitLimit,
      @JsonProperty("committedAS") long committedAs,
      @JsonProperty("highTotal") long highTotal,
      @JsonProperty("highFree") long highFree,
      @JsonProperty("lowTotal") long lowTotal,
      @JsonProperty("lowFree") long lowFree,
      @JsonProperty("swapTotal") long swapTotal,
      @JsonProperty("swapFree") long swapFree,
      @JsonProperty("mapped") long mapped,
      @JsonProperty("vmallocTotal") long vmallocTotal,
      @JsonProperty("vmallocUsed") long vmallocUsed,
      @JsonProperty("vmallocChunk") long vmallocChunk,
      @JsonProperty("hugePagesTotal") long hugePagesTotal,
      @JsonProperty("hugePagesFree") long hugePagesFree,
      @JsonProperty("hugePageSize") long hugePageSize) {

    /** All zero: what a part that failed to collect reports. */
    public static final Memory ZERO = new Memory(0, 0, 0, 0.0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** gopsutil {@code cpu.InfoStat}: one logical processor. */
  @JsonPropertyOrder({
      "cpu", "vendorId", "family", "model", "stepping", "physicalId", "coreId", "cores", "modelName",
      "mhz", "cacheSize", "flags", "microcode"})
  public record Cpu(
      @JsonProperty("cpu") int cpu,
      @JsonProperty("vendorId") String vendorId,
      @JsonProperty("family") String family,
      @JsonProperty("model") String model,
      @JsonProperty("stepping") int stepping,
      @JsonProperty("physicalId") String physicalId,
      @JsonProperty("coreId") String coreId,
      @JsonProperty("cores") int cores,
      @JsonProperty("modelName") String modelName,
      @JsonProperty("mhz") double mhz,
      @JsonProperty("cacheSize") int cacheSize,
      @JsonProperty("flags") List<String> flags,
      @JsonProperty("microcode") String microcode) {

    public Cpu {
      vendorId = orEmpty(vendorId);
      family = orEmpty(family);
      model = orEmpty(model);
      physicalId = orEmpty(physicalId);
      coreId = orEmpty(coreId);
      modelName = orEmpty(modelName);
      flags = flags == null ? List.of() : List.copyOf(flags);
      microcode = orEmpty(microcode);
    }
  }

  /** gopsutil {@code host.InfoStat}. Times are in seconds; {@code os} is Go's {@code runtime.GOOS}. */
  @JsonPropertyOrder({
      "hostname", "uptime", "bootTime", "procs", "os", "platform", "platformFamily", "platformVersion",
      "kernelVersion", "kernelArch", "virtualizationSystem", "virtualizationRole", "hostId"})
  public record Host(
      @JsonProperty("hostname") String hostname,
      @JsonProperty("uptime") long uptime,
      @JsonProperty("bootTime") long bootTime,
      @JsonProperty("procs") long procs,
      @JsonProperty("os") String os,
      @JsonProperty("platform") String platform,
      @JsonProperty("platformFamily") String platformFamily,
      @JsonProperty("platformVersion") String platformVersion,
      @JsonProperty("kernelVersion") String kernelVersion,
      @JsonProperty("kernelArch") String kernelArch,
      @JsonProperty("virtualizationSystem") String virtualizationSystem,
      @JsonProperty("virtualizationRole") String virtualizationRole,
      @JsonProperty("hostId") String hostId) {

    /** All zero and empty: what a part that failed to collect reports. */
    public static final Host ZERO = new Host("", 0, 0, 0, "", "", "", "", "", "", "", "", "");

    public Host {
      hostname = orEmpty(hostname);
      os = orEmpty(os);
      platform = orEmpty(platform);
      platformFamily = orEmpty(platformFamily);
      platformVersion = orEmpty(platformVersion);
      kernelVersion = orEmpty(kernelVersion);
      kernelArch = orEmpty(kernelArch);
      virtualizationSystem = orEmpty(virtualizationSystem);
      virtualizationRole = orEmpty(virtualizationRole);
      hostId = orEmpty(hostId);
    }
  }

  /** gopsutil {@code disk.UsageStat}: bytes and inode counts of one file system. */
  @JsonPropertyOrder({
      "path", "fstype", "total", "free", "used", "usedPercent", "inodesTotal", "inodesUsed",
      "inodesFree", "inodesUsedPercent"})
  public record Disk(
      @JsonProperty("path") String path,
      @JsonProperty("fstype") String fstype,
      @JsonProperty("total") long total,
      @JsonProperty("free") long free,
      @JsonProperty("used") long used,
      @JsonProperty("usedPercent") double usedPercent,
      @JsonProperty("inodesTotal") long inodesTotal,
      @JsonProperty("inodesUsed") long inodesUsed,
      @JsonProperty("inodesFree") long inodesFree,
      @JsonProperty("inodesUsedPercent") double inodesUsedPercent) {

    /** The path Consul reports on: the root file system, not the data directory. */
    public static final String ROOT_PATH = "/";

    /** Zero usage of {@link #ROOT_PATH}: what a part that failed to collect reports. */
    public static final Disk ZERO = new Disk(ROOT_PATH, "", 0, 0, 0, 0.0, 0, 0, 0, 0.0);

    public Disk {
      path = orEmpty(path);
      fstype = orEmpty(fstype);
    }
  }

  /**
   * One part that could not be collected. Consul serialises Go errors as {@code {}}; this keeps a
   * stable, more useful key set instead.
   *
   * @param part    which part failed: {@code memory}, {@code cpu}, {@code host} or {@code disk}
   * @param message why, in one line
   */
  @JsonPropertyOrder({"part", "message"})
  public record CollectionError(
      @JsonProperty("part") String part,
      @JsonProperty("message") String message) {

    public CollectionError {
      part = orEmpty(part);
      message = orEmpty(message);
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
