package dev.attache.hostinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.hostinfo.HostInfo.CollectionError;
import dev.attache.hostinfo.HostInfo.Cpu;
import dev.attache.hostinfo.HostInfo.Disk;
import dev.attache.hostinfo.HostInfo.Host;
import dev.attache.hostinfo.HostInfo.Memory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wire shape of {@code GET /v1/agent/host}: a real collection on this machine, serialized with a
 * plain {@link ObjectMapper}, against the key lists of Consul's documented sample response.
 */
class HostInfoTest {

  // Key lists copied from the sample response in agent-http-api.md ("Retrieve host information").
  static final List<String> TOP_KEYS =
      List.of("Memory", "CPU", "Host", "Disk", "CollectionTime", "Errors");
  static final List<String> MEMORY_KEYS = List.of(
      "total", "available", "used", "usedPercent", "free", "active", "inactive", "wired", "laundry",
      "buffers", "cached", "writeBack", "dirty", "writeBackTmp", "shared", "slab", "sreclaimable",
      "sunreclaim", "pageTables", "swapCached", "commitLimit", "committedAS", "highTotal", "highFree",
      "lowTotal", "lowFree", "swapTotal", "swapFree", "mapped", "vmallocTotal", "vmallocUsed",
      "vmallocChunk", "hugePagesTotal", "hugePagesFree", "hugePageSize");
  static final List<String> CPU_KEYS = List.of(
      "cpu", "vendorId", "family", "model", "stepping", "physicalId", "coreId", "cores", "modelName",
      "mhz", "cacheSize", "flags", "microcode");
  static final List<String> HOST_KEYS = List.of(
      "hostname", "uptime", "bootTime", "procs", "os", "platform", "platformFamily",
      "platformVersion", "kernelVersion", "kernelArch", "virtualizationSystem",
      "virtualizationRole", "hostId");
  static final List<String> DISK_KEYS = List.of(
      "path", "fstype", "total", "free", "used", "usedPercent", "inodesTotal", "inodesUsed",
      "inodesFree", "inodesUsedPercent");

  // JSON types in the sample: these are floats, the string fields are listed, the rest are integers.
  static final Set<String> MEMORY_DOUBLES = Set.of("usedPercent");
  static final Set<String> CPU_STRINGS = Set.of(
      "vendorId", "family", "model", "physicalId", "coreId", "modelName", "microcode");
  static final Set<String> CPU_DOUBLES = Set.of("mhz");
  static final Set<String> HOST_NUMBERS = Set.of("uptime", "bootTime", "procs");
  static final Set<String> DISK_STRINGS = Set.of("path", "fstype");
  static final Set<String> DISK_DOUBLES = Set.of("usedPercent", "inodesUsedPercent");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static HostInfo collected;
  private static JsonNode json;
  private static long collectedAroundNanos;

  @BeforeAll
  static void collectOnce() throws Exception {
    HostInfoProvider provider = HostInfoProvider.oshi();
    collected = provider.collect();
    collectedAroundNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    json = MAPPER.readTree(MAPPER.writeValueAsString(collected));
  }

  @Test
  void topLevelKeysMatchTheSampleInOrder() {
    assertThat(fieldNames(json)).containsExactlyElementsOf(TOP_KEYS);
    assertThat(json.get("Memory").isObject()).isTrue();
    assertThat(json.get("CPU").isArray()).isTrue();
    assertThat(json.get("Host").isObject()).isTrue();
    assertThat(json.get("Disk").isObject()).isTrue();
    assertThat(json.get("CollectionTime").isIntegralNumber()).isTrue();
  }

  @Test
  void errorsIsJsonNullWhenNothingFailed() {
    assertThat(collected.errors()).isNull();
    assertThat(json.has("Errors")).isTrue();
    assertThat(json.get("Errors").isNull()).isTrue();
  }

  @Test
  void memoryHasTheSampleKeysAndTypes() {
    JsonNode memory = json.get("Memory");
    assertThat(fieldNames(memory)).containsExactlyElementsOf(MEMORY_KEYS);
    for (String key : MEMORY_KEYS) {
      assertNumber(memory, key, MEMORY_DOUBLES.contains(key));
    }
  }

  @Test
  void everyCpuHasTheSampleKeysAndTypes() {
    assertThat(json.get("CPU").size()).isGreaterThanOrEqualTo(1);
    for (JsonNode cpu : json.get("CPU")) {
      assertThat(fieldNames(cpu)).containsExactlyElementsOf(CPU_KEYS);
      for (String key : CPU_KEYS) {
        if (key.equals("flags")) {
          assertThat(cpu.get(key).isArray()).as("flags").isTrue();
          cpu.get(key).forEach(f -> assertThat(f.isTextual()).as("flag %s", f).isTrue());
        } else if (CPU_STRINGS.contains(key)) {
          assertThat(cpu.get(key).isTextual()).as("CPU.%s is a string", key).isTrue();
        } else {
          assertNumber(cpu, key, CPU_DOUBLES.contains(key));
        }
      }
    }
  }

  @Test
  void hostHasTheSampleKeysAndTypes() {
    JsonNode host = json.get("Host");
    assertThat(fieldNames(host)).containsExactlyElementsOf(HOST_KEYS);
    for (String key : HOST_KEYS) {
      if (HOST_NUMBERS.contains(key)) {
        assertNumber(host, key, false);
      } else {
        assertThat(host.get(key).isTextual()).as("Host.%s is a string", key).isTrue();
      }
    }
  }

  @Test
  void diskHasTheSampleKeysAndTypes() {
    JsonNode disk = json.get("Disk");
    assertThat(fieldNames(disk)).containsExactlyElementsOf(DISK_KEYS);
    for (String key : DISK_KEYS) {
      if (DISK_STRINGS.contains(key)) {
        assertThat(disk.get(key).isTextual()).as("Disk.%s is a string", key).isTrue();
      } else {
        assertNumber(disk, key, DISK_DOUBLES.contains(key));
      }
    }
  }

  @Test
  void valuesArePlausibleOnThisMachine() {
    assertThat(collected.memory().total()).isPositive();
    assertThat(collected.memory().available()).isBetween(0L, collected.memory().total());
    assertThat(collected.memory().usedPercent()).isBetween(0.0, 100.0);

    assertThat(collected.cpu()).isNotEmpty();
    assertThat(collected.cpu()).extracting(Cpu::cpu).doesNotHaveDuplicates();
    assertThat(collected.cpu()).allSatisfy(c -> assertThat(c.cores()).isEqualTo(1));

    Host host = collected.host();
    assertThat(host.hostname()).isNotBlank();
    assertThat(host.os()).isNotBlank().isLowerCase();
    assertThat(host.bootTime()).isPositive();
    assertThat(host.procs()).isPositive();
    assertThat(host.kernelVersion()).isNotBlank();

    Disk disk = collected.disk();
    assertThat(disk.path()).isEqualTo("/");
    assertThat(disk.total()).isPositive();
    assertThat(disk.used() + disk.free()).isLessThanOrEqualTo(disk.total());
    assertThat(disk.usedPercent()).isBetween(0.0, 100.0);

    long drift = Math.abs(collectedAroundNanos - collected.collectionTime());
    assertThat(drift).as("CollectionTime is unix nanoseconds of about now")
        .isLessThan(TimeUnit.SECONDS.toNanos(5));
  }

  @Test
  void errorsSerializeAsAnArrayOfObjectsWithStableKeys() throws Exception {
    HostInfo failed = new HostInfo(Memory.ZERO, List.of(), Host.ZERO, Disk.ZERO, 1L,
        List.of(new CollectionError("disk", "no file system is mounted at /")));
    JsonNode node = MAPPER.readTree(MAPPER.writeValueAsString(failed));

    assertThat(fieldNames(node)).containsExactlyElementsOf(TOP_KEYS);
    assertThat(node.get("CPU").isArray()).isTrue();
    assertThat(node.get("CPU").size()).isZero();
    assertThat(node.get("Errors").isArray()).isTrue();
    assertThat(fieldNames(node.get("Errors").get(0))).containsExactly("part", "message");
    assertThat(node.get("Errors").get(0).get("part").asText()).isEqualTo("disk");
    assertThat(fieldNames(node.get("Disk"))).containsExactlyElementsOf(DISK_KEYS);
  }

  @Test
  void compactConstructorCopiesListsAndNormalisesEmptyErrors() {
    List<CollectionError> errors = new ArrayList<>();
    List<String> flags = new ArrayList<>(List.of("fpu"));
    Cpu cpu = new Cpu(0, null, null, null, 0, null, null, 1, null, 0.0, 0, flags, null);
    HostInfo info = new HostInfo(Memory.ZERO, List.of(cpu), Host.ZERO, Disk.ZERO, 0L, errors);
    flags.add("vme");

    assertThat(info.errors()).isNull();
    assertThat(info.cpu().get(0).flags()).containsExactly("fpu");
    assertThat(info.cpu().get(0).vendorId()).isEmpty();
    assertThatThrownBy(() -> info.cpu().add(cpu)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(new HostInfo(Memory.ZERO, null, Host.ZERO, Disk.ZERO, 0L, null).cpu()).isEmpty();
  }

  private static void assertNumber(JsonNode parent, String key, boolean floating) {
    JsonNode value = parent.get(key);
    if (floating) {
      assertThat(value.isFloatingPointNumber()).as("%s is a float: %s", key, value).isTrue();
    } else {
      assertThat(value.isIntegralNumber()).as("%s is an integer: %s", key, value).isTrue();
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
