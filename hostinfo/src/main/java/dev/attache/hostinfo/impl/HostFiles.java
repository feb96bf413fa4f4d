package dev.attache.hostinfo.impl;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import oshi.util.FileUtil;

/**
 * Read-only access to the host's text files ({@code /proc}, {@code /etc}, {@code /sys}), so that the
 * parsers can be tested on fixed contents.
 */
interface HostFiles {

  /** The file's lines, or an empty list when it is absent or unreadable. */
  List<String> lines(String path);

  /** Whether the path exists (file or directory). */
  boolean exists(String path);

  /** The first line of the file, trimmed, or {@code ""}. */
  default String firstLine(String path) {
    List<String> lines = lines(path);
    return lines.isEmpty() ? "" : lines.get(0).trim();
  }

  /** The files of this machine, read through OSHI's {@link FileUtil}. */
  static HostFiles local() {
    return LocalHostFiles.INSTANCE;
  }

  /** Reads through OSHI; quiet on missing files, which are normal on other platforms. */
  enum LocalHostFiles implements HostFiles {
    INSTANCE;

    @Override
    public List<String> lines(String path) {
      return FileUtil.readFile(path, false);
    }

    @Override
    public boolean exists(String path) {
      try {
        return Files.exists(Path.of(path));
      } catch (InvalidPathException | SecurityException e) {
        return false;
      }
    }
  }
}
