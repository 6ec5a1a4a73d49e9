package dev.mp.cli;

/** Short human durations: {@code 42s}, {@code 5m}, {@code 3h}, {@code 2d}. */
final class Durations {
  private Durations() {}

  static String age(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return (seconds / 60) + "m";
    }
    if (seconds < 86400) {
      return (seconds / 3600) + "h";
    }
    return (seconds / 86400) + "d";
  }

  static String millis(long millis) {
    return millis < 1000 ? millis + "ms" : String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
  }
}
