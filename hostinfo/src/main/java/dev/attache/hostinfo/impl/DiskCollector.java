package dev.attache.hostinfo.impl;

import dev.attache.hostinfo.HostInfo.Disk;
import java.util.List;
import java.util.Optional;
import oshi.software.os.FileSystem;
import oshi.software.os.OSFileStore;

/**
 * gopsutil's {@code disk.Usage("/")}: the file system mounted at {@code /}, whatever the agent's data
 * directory is. Each call lists OSHI's file stores afresh (no shared mutable store object), which
 * keeps concurrent calls independent.
 */
final class DiskCollector {

  private final FileSystem fileSystem;

  DiskCollector(FileSystem fileSystem) {
    this.fileSystem = fileSystem;
  }

  Disk collect() {
    OSFileStore root = rootOf(fileSystem.getFileStores(true))
        .or(() -> rootOf(fileSystem.getFileStores(false)))
        .orElseThrow(() -> new IllegalStateException(
            "no file system is mounted at " + Disk.ROOT_PATH));
    return usage(root.getType(), root.getTotalSpace(), root.getFreeSpace(), root.getUsableSpace(),
        root.getTotalInodes(), root.getFreeInodes());
  }

  private static Optional<OSFileStore> rootOf(List<OSFileStore> stores) {
    return stores.stream().filter(s -> Disk.ROOT_PATH.equals(s.getMount())).findFirst();
  }

  /**
   * gopsutil's arithmetic over statvfs figures: {@code free} is what an unprivileged user may still
   * use (f_bavail), {@code used} is everything not free to root (f_blocks - f_bfree), and the
   * percentage is of {@code used + free}, so reserved blocks do not count.
   *
   * @param total       f_blocks × f_frsize
   * @param unallocated f_bfree × f_frsize
   * @param usable      f_bavail × f_frsize
   */
  static Disk usage(String fstype, long total, long unallocated, long usable, long inodesTotal,
      long inodesFree) {
    long free = Math.max(0, usable);
    long used = Math.max(0, total - unallocated);
    double usedPercent = used + free > 0 ? 100.0 * used / (used + free) : 0.0;
    long inodes = Math.max(0, inodesTotal);
    long inodesAvailable = Math.max(0, Math.min(inodesFree, inodes));
    long inodesUsed = inodes - inodesAvailable;
    double inodesUsedPercent = inodes > 0 ? 100.0 * inodesUsed / inodes : 0.0;
    return new Disk(Disk.ROOT_PATH, fstype, Math.max(0, total), free, used, usedPercent, inodes,
        inodesUsed, inodesAvailable, inodesUsedPercent);
  }
}
