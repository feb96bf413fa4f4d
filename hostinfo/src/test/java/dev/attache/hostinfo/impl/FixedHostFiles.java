package dev.attache.hostinfo.impl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Host files with fixed contents, for the parsers' tests. A directory is a path with no text. */
final class FixedHostFiles implements HostFiles {

  private final Map<String, String> files = new HashMap<>();

  FixedHostFiles with(String path, String text) {
    files.put(path, text);
    return this;
  }

  FixedHostFiles withDirectory(String path) {
    return with(path, "");
  }

  @Override
  public List<String> lines(String path) {
    String text = files.get(path);
    return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
  }

  @Override
  public boolean exists(String path) {
    return files.containsKey(path);
  }
}
