package dev.attache.hostinfo.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.attache.hostinfo.HostInfo.Disk;
import org.junit.jupiter.api.Test;

class DiskCollectorTest {

  @Test
  void usageReproducesConsulsSampleFigures() {
    // The sample's numbers: used + free leaves out root-reserved blocks.
    long total = 125550247936L;
    long free = 93488398336L;
    long used = 26909102080L;
    Disk d = DiskCollector.usage("ext4", total, total - used, free, 7684080, 7241992);

    assertThat(d.path()).isEqualTo("/");
    assertThat(d.fstype()).isEqualTo("ext4");
    assertThat(d.total()).isEqualTo(total);
    assertThat(d.free()).isEqualTo(free);
    assertThat(d.used()).isEqualTo(used);
    assertThat(d.usedPercent()).isCloseTo(22.350216563486036, within(1e-9));
    assertThat(d.inodesTotal()).isEqualTo(7684080);
    assertThat(d.inodesUsed()).isEqualTo(442088);
    assertThat(d.inodesFree()).isEqualTo(7241992);
    assertThat(d.inodesUsedPercent()).isCloseTo(5.753297727249065, within(1e-9));
  }

  @Test
  void emptyFileSystemHasZeroPercentagesNotNaN() {
    Disk d = DiskCollector.usage("tmpfs", 0, 0, 0, 0, 0);

    assertThat(d.usedPercent()).isZero();
    assertThat(d.inodesUsedPercent()).isZero();
  }
}
