package dev.attache.hostinfo.impl;

import dev.attache.hostinfo.HostInfo;
import dev.attache.hostinfo.HostInfo.CollectionError;
import dev.attache.hostinfo.HostInfo.Cpu;
import dev.attache.hostinfo.HostInfo.Disk;
import dev.attache.hostinfo.HostInfo.Host;
import dev.attache.hostinfo.HostInfo.Memory;
import dev.attache.hostinfo.HostInfoProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HostInfoProvider} backed by one OSHI {@link SystemInfo}, shaped like gopsutil's output as
 * Consul's {@code debug.CollectHostInfo} assembles it.
 *
 * <p>Thread-safe: the only state is OSHI's (itself thread-safe) and the once-computed static facts.
 * The first {@link #collect()} loads native bindings and host identity and is slow (hundreds of ms);
 * later ones only read live figures.
 */
public final class OshiHostInfoProvider implements HostInfoProvider {

  private static final Logger log = LoggerFactory.getLogger(OshiHostInfoProvider.class);

  static final String MEMORY = "memory";
  static final String CPU = "cpu";
  static final String HOST = "host";
  static final String DISK = "disk";

  private final SystemInfo systemInfo;
  private final HostFiles files;
  private final Lazy<Parts> parts = new Lazy<>(this::createParts);

  public OshiHostInfoProvider() {
    this(new SystemInfo(), HostFiles.local());
  }

  OshiHostInfoProvider(SystemInfo systemInfo, HostFiles files) {
    this.systemInfo = systemInfo;
    this.files = files;
  }

  @Override
  public HostInfo collect() {
    long collectionTime = nowNanos();
    List<CollectionError> errors = new ArrayList<>(0);
    // Same order as Consul: host, memory, disk, cpu.
    Host host = collectPart(HOST, p -> p.host().collect(), Host.ZERO, errors);
    Memory memory = collectPart(MEMORY, p -> p.memory().collect(), Memory.ZERO, errors);
    Disk disk = collectPart(DISK, p -> p.disk().collect(), Disk.ZERO, errors);
    List<Cpu> cpu = collectPart(CPU, p -> p.cpu().collect(), List.of(), errors);
    return new HostInfo(memory, cpu, host, disk, collectionTime, errors);
  }

  private <T> T collectPart(String name, Function<Parts, T> reader, T zero,
      List<CollectionError> errors) {
    return collectPart(name, () -> reader.apply(parts.get()), zero, errors);
  }

  /**
   * Runs one part's collection; a failure becomes an entry in {@code errors} and the part's zero
   * value, never an exception.
   */
  static <T> T collectPart(String name, Supplier<T> reader, T zero,
      List<CollectionError> errors) {
    try {
      return reader.get();
    } catch (RuntimeException | LinkageError e) {
      String message = e.getMessage() == null || e.getMessage().isBlank()
          ? e.getClass().getName() : e.getMessage();
      log.warn("host info: cannot collect {}: {}", name, message);
      log.debug("host info: {} collection failure", name, e);
      errors.add(new CollectionError(name, message));
      return zero;
    }
  }

  private static long nowNanos() {
    Instant now = Instant.now();
    return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
  }

  /** The collectors, created on first use so that an unsupported platform fails per call. */
  private record Parts(MemoryCollector memory, CpuCollector cpu, HostCollector host,
      DiskCollector disk) {}

  private Parts createParts() {
    HardwareAbstractionLayer hardware = systemInfo.getHardware();
    OperatingSystem os = systemInfo.getOperatingSystem();
    return new Parts(
        new MemoryCollector(hardware.getMemory(), files),
        new CpuCollector(hardware.getProcessor(), files),
        new HostCollector(os, hardware.getComputerSystem(), SystemInfo.getCurrentPlatform(), files),
        new DiskCollector(os.getFileSystem()));
  }
}
