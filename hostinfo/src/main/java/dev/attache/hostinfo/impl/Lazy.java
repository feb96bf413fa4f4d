package dev.attache.hostinfo.impl;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value computed once, on first use, by at most one thread at a time. A loader that throws leaves
 * nothing cached, so the next {@link #get()} tries again.
 */
final class Lazy<T> implements Supplier<T> {

  private final Supplier<? extends T> loader;
  private volatile T value;

  Lazy(Supplier<? extends T> loader) {
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = Objects.requireNonNull(loader.get(), "loader returned null");
          value = v;
        }
      }
    }
    return v;
  }
}
