package dev.attache.hostinfo.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import oshi.PlatformEnum;

class HostCollectorTest {

  @Test
  void hostIdPrefersTheHardwareUuidLowerCased() {
    assertThat(HostCollector.hostId("4C4C4544-0042-3510-8052-B4C04F5A4E32", "ignored"))
        .isEqualTo("4c4c4544-0042-3510-8052-b4c04f5a4e32");
  }

  @Test
  void hostIdFallsBackToMachineIdShapedAsUuid() {
    assertThat(HostCollector.hostId("unknown", "3d1219c7c4c5404aaa1f6d2a48adfda4"))
        .isEqualTo("3d1219c7-c4c5-404a-aa1f-6d2a48adfda4");
    assertThat(HostCollector.hostId("", "3D1219C7C4C5404AAA1F6D2A48ADFDA4"))
        .isEqualTo("3d1219c7-c4c5-404a-aa1f-6d2a48adfda4");
  }

  @Test
  void hostIdIsEmptyWhenNothingIsKnown() {
    assertThat(HostCollector.hostId("unknown", "")).isEmpty();
    assertThat(HostCollector.hostId(null, "not-a-machine-id")).isEmpty();
  }

  @Test
  void osIsGoRuntimeGoos() {
    assertThat(HostCollector.goos(PlatformEnum.LINUX)).isEqualTo("linux");
    assertThat(HostCollector.goos(PlatformEnum.MACOS)).isEqualTo("darwin");
    assertThat(HostCollector.goos(PlatformEnum.WINDOWS)).isEqualTo("windows");
    assertThat(HostCollector.goos(PlatformEnum.FREEBSD)).isEqualTo("freebsd");
    assertThat(HostCollector.goos(PlatformEnum.UNKNOWN)).isEmpty();
  }
}
