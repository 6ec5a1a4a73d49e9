package dev.mp.registry.client;

/** Ages for messages: {@code 42 seconds}, {@code 1 minute}, {@code 3 hours}, {@code 2 days}. */
final class Ages {
  private Ages() {}

  static String describe(Long seconds) {
    long s = seconds == null ? 0 : seconds;
    if (s < 60) {
      return plural(s, "second");
    }
    if (s < 3600) {
      return plural(s / 60, "minute");
    }
    if (s < 86400) {
      return plural(s / 3600, "hour");
    }
    return plural(s / 86400, "day");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
