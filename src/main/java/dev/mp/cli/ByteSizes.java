package dev.mp.cli;

import java.util.Locale;

/** Short human sizes: {@code 812 B}, {@code 4.2 KiB}, {@code 31.0 MiB}. */
final class ByteSizes {
  private ByteSizes() {}

  static String describe(Long bytes) {
    if (bytes == null) {
      return "-";
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
