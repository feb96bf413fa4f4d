package dev.attache.hostinfo.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.attache.hostinfo.HostInfo.Memory;
import dev.attache.hostinfo.impl.MemoryCollector.OshiFacts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryCollectorTest {

  private static final List<String> MEMINFO = List.of(
      "MemTotal:       24683620 kB",
      "MemFree:        24362872 kB",
      "MemAvailable:   24372928 kB",
      "Buffers:            6728 kB",
      "Cached:           205432 kB",
      "SwapCached:            0 kB",
      "Active:            82216 kB",
      "Inactive:         126464 kB",
      "Active(anon):       1520 kB",
      "SwapTotal:       1048572 kB",
      "SwapFree:        1048000 kB",
      "Dirty:               280 kB",
      "Writeback:             4 kB",
      "Mapped:            11052 kB",
      "Shmem:              8952 kB",
      "Slab:              43108 kB",
      "SReclaimable:      22740 kB",
      "SUnreclaim:        20368 kB",
      "PageTables:         1172 kB",
      "WritebackTmp:          0 kB",
      "CommitLimit:    12341808 kB",
      "Committed_AS:      51888 kB",
      "VmallocTotal:   34359738367 kB",
      "VmallocUsed:       14140 kB",
      "VmallocChunk:          0 kB",
      "HugePages_Total:       4",
      "HugePages_Free:        3",
      "Hugepagesize:       2048 kB",
      "garbage line",
      "Weird:   n/a");

  @Test
  void parsesMeminfoIntoRawValuesSkippingBadLines() {
    Map<String, Long> values = MemoryCollector.parseMeminfo(MEMINFO);

    assertThat(values).containsEntry("MemTotal", 24683620L)
        .containsEntry("Active(anon)", 1520L)
        .containsEntry("HugePages_Total", 4L)
        .doesNotContainKey("Weird")
        .doesNotContainKey("garbage line");
  }

  @Test
  void computesUsedAndCachedAsGopsutilDoes() {
    Memory m = MemoryCollector.build(noOshiFacts(), MemoryCollector.parseMeminfo(MEMINFO));

    long kib = 1024;
    assertThat(m.total()).isEqualTo(24683620 * kib);
    assertThat(m.available()).isEqualTo(24372928 * kib);
    assertThat(m.cached()).isEqualTo((205432 + 22740) * kib);
    assertThat(m.used()).isEqualTo((24683620 - 24362872 - 6728 - 205432 - 22740) * kib);
    assertThat(m.usedPercent()).isCloseTo(100.0 * m.used() / m.total(), within(1e-9));
    assertThat(m.shared()).isEqualTo(8952 * kib);
    assertThat(m.writeBack()).isEqualTo(4 * kib);
    assertThat(m.sunreclaim()).isEqualTo(20368 * kib);
    assertThat(m.swapTotal()).isEqualTo(1048572 * kib);
    assertThat(m.swapFree()).isEqualTo(1048000 * kib);
    assertThat(m.committedAs()).isEqualTo(51888 * kib);
    assertThat(m.vmallocTotal()).isEqualTo(34359738367L * kib);
    assertThat(m.hugePagesTotal()).isEqualTo(4);
    assertThat(m.hugePagesFree()).isEqualTo(3);
    assertThat(m.hugePageSize()).isEqualTo(2048 * kib);
    assertThat(m.wired()).isZero();
    assertThat(m.laundry()).isZero();
  }

  @Test
  void oshiFactsTakePrecedenceForTheFieldsOshiExposes() {
    OshiFacts oshi = new OshiFacts(1000, 400, 300, 200, 900, 100);

    Memory m = MemoryCollector.build(oshi, MemoryCollector.parseMeminfo(MEMINFO));

    assertThat(m.total()).isEqualTo(1000);
    assertThat(m.available()).isEqualTo(400);
    assertThat(m.swapTotal()).isEqualTo(300);
    assertThat(m.swapFree()).isEqualTo(200);
    assertThat(m.commitLimit()).isEqualTo(900);
    assertThat(m.committedAs()).isEqualTo(100);
  }

  @Test
  void withoutMeminfoUsedIsTotalMinusAvailableAndTheRestIsZero() {
    Memory m = MemoryCollector.build(new OshiFacts(1000, 250, 0, 0, 0, 0), Map.of());

    assertThat(m.used()).isEqualTo(750);
    assertThat(m.usedPercent()).isEqualTo(75.0);
    assertThat(m.free()).isZero();
    assertThat(m.slab()).isZero();
  }

  @Test
  void zeroTotalGivesZeroPercentNotNaN() {
    Memory m = MemoryCollector.build(noOshiFacts(), Map.of());

    assertThat(m).isEqualTo(Memory.ZERO);
  }

  private static OshiFacts noOshiFacts() {
    return new OshiFacts(0, 0, 0, 0, 0, 0);
  }
}
