package dev.attache.hostinfo.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VirtualizationTest {

  static Stream<Arguments> hosts() {
    return Stream.of(
        host("bare metal", new FixedHostFiles()
                .with("/proc/cpuinfo", "model name : AMD EPYC")
                .with("/proc/self/cgroup", "0::/"),
            Virtualization.NONE),
        host("kvm hypervisor", new FixedHostFiles()
                .with("/proc/modules", "kvm_intel 368640 0 - Live\nkvm 1028096 1 kvm_intel"),
            new Virtualization("kvm", "host")),
        host("qemu guest", new FixedHostFiles()
                .with("/proc/cpuinfo", "model name\t: QEMU Virtual CPU version 2.5+"),
            new Virtualization("kvm", "guest")),
        host("xen dom0", new FixedHostFiles()
                .withDirectory("/proc/xen")
                .with("/proc/xen/capabilities", "control_d"),
            new Virtualization("xen", "host")),
        host("docker by cgroup", new FixedHostFiles()
                .with("/proc/self/cgroup", "12:pids:/docker/0123abcd"),
            new Virtualization("docker", "guest")),
        host("docker by .dockerenv", new FixedHostFiles()
                .with("/proc/self/cgroup", "0::/")
                .with("/.dockerenv", ""),
            new Virtualization("docker", "guest")),
        host("lxc guest", new FixedHostFiles()
                .with("/proc/self/cgroup", "0::/lxc.payload.c1"),
            new Virtualization("lxc", "guest")),
        host("systemd container marker", new FixedHostFiles()
                .with("/run/systemd/container", "podman\n"),
            new Virtualization("podman", "guest")));
  }

  @ParameterizedTest
  @MethodSource("hosts")
  void detectsSystemAndRoleLikeGopsutil(HostFiles files, Virtualization expected) {
    assertThat(Virtualization.detect(files)).isEqualTo(expected);
  }

  private static Arguments host(String name, HostFiles files, Virtualization expected) {
    return Arguments.of(Named.of(name, files), expected);
  }
}
