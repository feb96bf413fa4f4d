package dev.attache.hostinfo;

import dev.attache.hostinfo.impl.OshiHostInfoProvider;

/**
 * Collects {@link HostInfo} for {@code GET /v1/agent/host}.
 *
 * <p>Implementations are thread-safe and never throw from {@link #collect()}: a part that cannot be
 * read is reported in {@link HostInfo#errors()} and left zeroed, as Consul does.
 */
public interface HostInfoProvider {

  /** Collects a fresh snapshot. Static facts (CPU identity, platform, host ID) may be cached. */
  HostInfo collect();

  /**
   * The OSHI-backed provider. Each call creates a new instance; share one per agent, since the
   * first {@link #collect()} is the slow one.
   */
  static HostInfoProvider oshi() {
    return new OshiHostInfoProvider();
  }
}
