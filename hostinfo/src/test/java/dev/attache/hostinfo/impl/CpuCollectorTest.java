package dev.attache.hostinfo.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuCollectorTest {

  private static final List<String> X86_CPUINFO = List.of(
      "processor\t: 0",
      "vendor_id\t: GenuineIntel",
      "cpu family\t: 6",
      "model\t\t: 85",
      "model name\t: Intel(R) Xeon(R) Platinum 8175M CPU @ 2.50GHz",
      "stepping\t: 4",
      "microcode\t: 0x2006b06",
      "cpu MHz\t\t: 2500.000",
      "cache size\t: 33792 KB",
      "flags\t\t: fpu vme de pse",
      "",
      "processor\t: 1",
      "vendor_id\t: GenuineIntel",
      "cache size\t: 33792 KB",
      "flags\t\t: fpu vme de pse avx512f",
      "power management:",
      "");

  @Test
  void splitsCpuinfoIntoOneBlockPerProcessor() {
    Map<Integer, Map<String, String>> blocks = CpuCollector.parseCpuinfo(X86_CPUINFO);

    assertThat(blocks).containsOnlyKeys(0, 1);
    assertThat(blocks.get(0)).containsEntry("microcode", "0x2006b06")
        .containsEntry("model name", "Intel(R) Xeon(R) Platinum 8175M CPU @ 2.50GHz")
        .containsEntry("cpu MHz", "2500.000");
    assertThat(blocks.get(1)).containsEntry("flags", "fpu vme de pse avx512f")
        .doesNotContainKey("microcode");
  }

  @Test
  void readsFlagsFromOshiFeatureLinesAndArmFeatures() {
    assertThat(CpuCollector.parseFlags(List.of("flags\t\t: fpu vme  de pse")))
        .containsExactly("fpu", "vme", "de", "pse");
    assertThat(CpuCollector.parseFlags(List.of("Features\t: fp asimd evtstrm crc32 cpuid")))
        .containsExactly("fp", "asimd", "evtstrm", "crc32", "cpuid");
    assertThat(CpuCollector.parseFlags(List.of("flags : fpu vme", "flags : fpu avx")))
        .containsExactly("fpu", "vme", "avx");
    assertThat(CpuCollector.parseFlags(List.of("PF_MMX_INSTRUCTIONS_AVAILABLE")))
        .containsExactly("PF_MMX_INSTRUCTIONS_AVAILABLE");
    assertThat(CpuCollector.parseFlags(List.of(""))).isEmpty();
    assertThat(CpuCollector.parseFlags(List.of())).isEmpty();
  }

  @Test
  void parsesTheLeadingIntegerOfCacheSizeAndStepping() {
    assertThat(CpuCollector.parseLeadingInt("33792 KB", 0)).isEqualTo(33792);
    assertThat(CpuCollector.parseLeadingInt("4", 0)).isEqualTo(4);
    assertThat(CpuCollector.parseLeadingInt("r0p1", 7)).isEqualTo(7);
    assertThat(CpuCollector.parseLeadingInt("", 7)).isEqualTo(7);
    assertThat(CpuCollector.parseLeadingInt(null, 7)).isEqualTo(7);
  }
}
