package dev.attache.hostinfo.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LinuxPlatformTest {

  static Stream<Arguments> distributions() {
    return Stream.of(
        distro("debian reads debian_version", new FixedHostFiles()
                .with("/etc/os-release", "NAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian")
                .with("/etc/debian_version", "12.11\n"),
            new LinuxPlatform("debian", "debian", "12.11")),
        distro("ubuntu reads lsb-release", new FixedHostFiles()
                .with("/etc/os-release", "ID=ubuntu\nVERSION_ID=\"22.04\"")
                .with("/etc/lsb-release", "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04")
                .with("/etc/debian_version", "bookworm/sid"),
            new LinuxPlatform("ubuntu", "debian", "22.04")),
        distro("alpine reads alpine-release", new FixedHostFiles()
                .with("/etc/os-release", "ID=alpine\nVERSION_ID=3.13.5")
                .with("/etc/alpine-release", "3.13.5"),
            new LinuxPlatform("alpine", "alpine", "3.13.5")),
        distro("centos reads redhat-release", new FixedHostFiles()
                .with("/etc/os-release", "ID=\"centos\"\nVERSION_ID=\"7\"")
                .with("/etc/redhat-release", "CentOS Linux release 7.9.2009 (Core)"),
            new LinuxPlatform("centos", "rhel", "7.9.2009")),
        distro("rhel is redhat", new FixedHostFiles()
                .with("/etc/redhat-release", "Red Hat Enterprise Linux release 9.3 (Plow)"),
            new LinuxPlatform("redhat", "rhel", "9.3")),
        distro("fedora-like falls back to os-release", new FixedHostFiles()
                .with("/etc/os-release", "# comment\nID=arch\nBUILD_ID=rolling"),
            new LinuxPlatform("arch", "arch", "")),
        distro("unknown id has no family", new FixedHostFiles()
                .with("/etc/os-release", "ID=nixos\nVERSION_ID='24.05'"),
            new LinuxPlatform("nixos", "", "24.05")),
        distro("nothing known", new FixedHostFiles(), LinuxPlatform.UNKNOWN));
  }

  @ParameterizedTest
  @MethodSource("distributions")
  void detectsPlatformFamilyAndVersion(HostFiles files, LinuxPlatform expected) {
    assertThat(LinuxPlatform.detect(files)).isEqualTo(expected);
  }

  @Test
  void familyTableFollowsGopsutil() {
    assertThat(LinuxPlatform.familyOf("raspbian")).isEqualTo("debian");
    assertThat(LinuxPlatform.familyOf("amazon")).isEqualTo("rhel");
    assertThat(LinuxPlatform.familyOf("opensuse-leap")).isEqualTo("suse");
    assertThat(LinuxPlatform.familyOf("something")).isEmpty();
  }

  private static Arguments distro(String name, HostFiles files, LinuxPlatform expected) {
    return Arguments.of(Named.of(name, files), expected);
  }
}
