package dev.attache.hostinfo.impl;

import dev.attache.hostinfo.HostInfo.Host;
import java.util.Locale;
import oshi.PlatformEnum;
import oshi.hardware.ComputerSystem;
import oshi.software.os.OperatingSystem;
import oshi.util.ExecutingCommand;

/**
 * gopsutil's {@code host.Info()}: the live figures (hostname, uptime, process count) are read on each
 * call; the identity (platform, kernel, virtualization, host ID) is read once, since finding it may
 * start processes (OSHI's hardware-UUID lookup).
 */
final class HostCollector {

  private static final String MACHINE_ID = "/etc/machine-id";
  private static final String KERNEL_ARCH = "/proc/sys/kernel/arch";

  private final OperatingSystem os;
  private final ComputerSystem computer;
  private final PlatformEnum platform;
  private final HostFiles files;
  private final Lazy<Identity> identity = new Lazy<>(this::readIdentity);

  HostCollector(OperatingSystem os, ComputerSystem computer, PlatformEnum platform,
      HostFiles files) {
    this.os = os;
    this.computer = computer;
    this.platform = platform;
    this.files = files;
  }

  Host collect() {
    Identity id = identity.get();
    return new Host(
        os.getNetworkParams().getHostName(),
        Math.max(0, os.getSystemUptime()),
        Math.max(0, os.getSystemBootTime()),
        Math.max(0, os.getProcessCount()),
        id.goos(),
        id.platform().platform(),
        id.platform().family(),
        id.platform().version(),
        id.kernelVersion(),
        id.kernelArch(),
        id.virtualization().system(),
        id.virtualization().role(),
        id.hostId());
  }

  /** The facts that do not change while the process runs. */
  record Identity(String goos, LinuxPlatform platform, String kernelVersion, String kernelArch,
      Virtualization virtualization, String hostId) {}

  private Identity readIdentity() {
    boolean linux = platform == PlatformEnum.LINUX;
    LinuxPlatform distro = linux ? LinuxPlatform.detect(files) : LinuxPlatform.UNKNOWN;
    if (distro.platform().isEmpty()) {
      String family = os.getFamily() == null ? "" : os.getFamily();
      distro = new LinuxPlatform(family, family, os.getVersionInfo().getVersion());
    }
    return new Identity(
        goos(platform),
        distro,
        os.getVersionInfo().getBuildNumber(),
        kernelArch(),
        linux ? Virtualization.detect(files) : Virtualization.NONE,
        hostId(computer.getHardwareUUID(), files.firstLine(MACHINE_ID)));
  }

  /** {@code uname -m}: the kernel's own answer if it offers one, else the command. */
  private String kernelArch() {
    String arch = files.firstLine(KERNEL_ARCH);
    if (arch.isEmpty() && platform != PlatformEnum.WINDOWS && platform != PlatformEnum.WINDOWSCE) {
      arch = ExecutingCommand.getFirstAnswer("uname -m").trim();
    }
    return arch;
  }

  /** Go's {@code runtime.GOOS} for OSHI's platform. */
  static String goos(PlatformEnum platform) {
    return switch (platform) {
      case MACOS -> "darwin";
      case WINDOWS, WINDOWSCE -> "windows";
      case KFREEBSD -> "freebsd";
      case GNU -> "hurd";
      case UNKNOWN -> "";
      default -> platform.name().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * The hardware UUID OSHI finds (lower-cased, as gopsutil does), else {@code /etc/machine-id} shaped
   * as a UUID, else {@code ""}.
   */
  static String hostId(String hardwareUuid, String machineId) {
    if (hardwareUuid != null && !hardwareUuid.isBlank()
        && !hardwareUuid.trim().equalsIgnoreCase("unknown")) {
      return hardwareUuid.trim().toLowerCase(Locale.ROOT);
    }
    String m = machineId == null ? "" : machineId.trim().toLowerCase(Locale.ROOT);
    if (m.matches("[0-9a-f]{32}")) {
      return m.substring(0, 8) + "-" + m.substring(8, 12) + "-" + m.substring(12, 16) + "-"
          + m.substring(16, 20) + "-" + m.substring(20);
    }
    return "";
  }
}
