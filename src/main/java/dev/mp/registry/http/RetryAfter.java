package dev.mp.registry.http;

import java.net.http.HttpHeaders;

/**
 * What a busy server (429 or 503) says about when to come back, for messages. mp does not wait and
 * retry on its own; the message tells the user when a retry makes sense. Stateless.
 */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * {@code "; the registry asks to retry after 120 s"} (or after a date), or {@code ""} for another
   * status, no header, or a value too long or not printable to show.
   */
  public static String describe(int status, HttpHeaders headers) {
    if (status != 429 && status != 503) {
      return "";
    }
    String value = headers.firstValue("Retry-After").orElse("").strip();
    if (value.isEmpty() || value.length() > 64 || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return "";
    }
    return value.chars().allMatch(Character::isDigit)
        ? "; the registry asks to retry after " + value + " s"
        : "; the registry asks to retry after " + value;
  }
}
