package dev.attache.hostinfo.impl;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution triple gopsutil reports on Linux: {@code platform} (lower-case ID such as
 * {@code debian}, {@code ubuntu}, {@code alpine}), {@code family} ({@code debian}, {@code rhel}, ...)
 * and {@code version}. Empty strings when nothing is recognised.
 */
record LinuxPlatform(String platform, String family, String version) {

  static final LinuxPlatform UNKNOWN = new LinuxPlatform("", "", "");

  private static final Pattern REDHATISH_VERSION = Pattern.compile("release (\\d[\\d.]*)");

  /** Detects the distribution from its release files, in gopsutil's order of precedence. */
  static LinuxPlatform detect(HostFiles files) {
    Map<String, String> osRelease = keyValues(files.lines("/etc/os-release"));
    Map<String, String> lsb = keyValues(files.lines("/etc/lsb-release"));
    String osId = osRelease.getOrDefault("ID", "").toLowerCase(Locale.ROOT);
    String lsbId = lsb.getOrDefault("DISTRIB_ID", "");

    String platform;
    String version;
    if (files.exists("/etc/debian_version")) {
      if (lsbId.equals("Ubuntu") || osId.equals("ubuntu")) {
        platform = "ubuntu";
        version = lsb.getOrDefault("DISTRIB_RELEASE", osRelease.getOrDefault("VERSION_ID", ""));
      } else if (lsbId.equals("LinuxMint") || osId.equals("linuxmint")) {
        platform = "linuxmint";
        version = lsb.getOrDefault("DISTRIB_RELEASE", osRelease.getOrDefault("VERSION_ID", ""));
      } else {
        platform = files.exists("/usr/bin/raspi-config") ? "raspbian" : "debian";
        version = files.firstLine("/etc/debian_version");
      }
    } else if (files.exists("/etc/redhat-release") || files.exists("/etc/system-release")) {
      String text = String.join(" ", files.exists("/etc/redhat-release")
          ? files.lines("/etc/redhat-release") : files.lines("/etc/system-release"))
          .toLowerCase(Locale.ROOT);
      platform = text.contains("red hat") ? "redhat" : text.trim().split("\\s+")[0];
      Matcher m = REDHATISH_VERSION.matcher(text);
      version = m.find() ? m.group(1) : "";
    } else if (files.exists("/etc/alpine-release")) {
      platform = "alpine";
      version = files.firstLine("/etc/alpine-release");
    } else if (!osId.isEmpty()) {
      platform = osId;
      version = osRelease.getOrDefault("VERSION_ID", "");
    } else if (!lsbId.isEmpty()) {
      platform = lsbId.toLowerCase(Locale.ROOT);
      version = lsb.getOrDefault("DISTRIB_RELEASE", "");
    } else {
      return UNKNOWN;
    }
    return new LinuxPlatform(platform, familyOf(platform), version);
  }

  /** gopsutil's platform → family table; {@code ""} for anything it does not know. */
  static String familyOf(String platform) {
    return switch (platform) {
      case "debian", "ubuntu", "linuxmint", "raspbian" -> "debian";
      case "fedora" -> "fedora";
      case "oracle", "centos", "redhat", "scientific", "enterpriseenterprise", "amazon", "xenserver",
          "cloudlinux", "ibm_powerkvm", "rocky", "almalinux" -> "rhel";
      case "suse", "opensuse", "opensuse-leap", "opensuse-tumbleweed", "opensuse-tumbleweed-kubic",
          "sles", "sled", "caasp" -> "suse";
      case "gentoo" -> "gentoo";
      case "slackware" -> "slackware";
      case "arch" -> "arch";
      case "exherbo" -> "exherbo";
      case "alpine" -> "alpine";
      case "coreos" -> "coreos";
      case "solus" -> "solus";
      default -> "";
    };
  }

  /** {@code KEY=value} and {@code KEY="value"} lines, as in os-release and lsb-release. */
  static Map<String, String> keyValues(List<String> lines) {
    Map<String, String> values = new HashMap<>();
    for (String line : lines) {
      int eq = line.indexOf('=');
      if (eq <= 0 || line.startsWith("#")) {
        continue;
      }
      String value = line.substring(eq + 1).trim();
      if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
          || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      values.put(line.substring(0, eq).trim(), value);
    }
    return values;
  }
}
