package dev.attache.hostinfo.impl;

import java.util.List;

/**
 * The virtualization system and role gopsutil reports on Linux ({@code kvm}/{@code host},
 * {@code docker}/{@code guest}, ...), from the same files in the same order: a later match wins.
 * Empty strings when nothing is recognised.
 */
record Virtualization(String system, String role) {

  static final Virtualization NONE = new Virtualization("", "");

  static Virtualization detect(HostFiles files) {
    String system = "";
    String role = "";

    if (files.exists("/proc/xen")) {
      system = "xen";
      role = anyContains(files.lines("/proc/xen/capabilities"), "control_d") ? "host" : "guest";
    }

    List<String> modules = files.lines("/proc/modules");
    if (anyContains(modules, "kvm")) {
      system = "kvm";
      role = "host";
    } else if (anyContains(modules, "vboxdrv")) {
      system = "vbox";
      role = "host";
    } else if (anyContains(modules, "vboxguest")) {
      system = "vbox";
      role = "guest";
    } else if (anyContains(modules, "vmware")) {
      system = "vmware";
      role = "guest";
    }

    List<String> cpuinfo = files.lines(CpuCollector.CPUINFO);
    if (anyContains(cpuinfo, "QEMU Virtual CPU") || anyContains(cpuinfo, "Common KVM processor")
        || anyContains(cpuinfo, "Common 32-bit KVM processor")) {
      system = "kvm";
      role = "guest";
    }

    if (anyContains(files.lines("/proc/bus/pci/devices"), "virtio-pci")) {
      role = "guest";
    }

    if (files.exists("/proc/bc/0")) {
      system = "openvz";
      role = "host";
    } else if (files.exists("/proc/vz")) {
      system = "openvz";
      role = "guest";
    }

    List<String> status = files.lines("/proc/self/status");
    if (anyContains(status, "s_context:") || anyContains(status, "VxID:")) {
      system = "linux-vserver";
    }

    List<String> cgroup = files.lines("/proc/self/cgroup");
    if (anyContains(cgroup, "lxc")) {
      system = "lxc";
      role = "guest";
    } else if (anyContains(cgroup, "docker")) {
      system = "docker";
      role = "guest";
    } else if (anyContains(cgroup, "machine-rkt")) {
      system = "rkt";
      role = "guest";
    } else if (!cgroup.isEmpty() && files.exists("/usr/bin/lxc-version")) {
      system = "lxc";
      role = "host";
    }

    if (files.exists("/.dockerenv")) {
      system = "docker";
      role = "guest";
    }

    String container = files.firstLine("/run/systemd/container");
    if (!container.isEmpty()) {
      system = container;
      role = "guest";
    }
    return system.isEmpty() && role.isEmpty() ? NONE : new Virtualization(system, role);
  }

  private static boolean anyContains(List<String> lines, String needle) {
    for (String line : lines) {
      if (line.contains(needle)) {
        return true;
      }
    }
    return false;
  }
}
