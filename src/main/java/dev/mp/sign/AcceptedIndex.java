package dev.mp.sign;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a client remembers of the newest signed index it accepted from a registry: its serial and the
 * SHA-256 of its exact bytes (so the same serial with other bytes can be recognised).
 *
 * @param serial the index's serial
 * @param sha256 lower-case hex SHA-256 of the index bytes
 */
public record AcceptedIndex(long serial, String sha256) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public AcceptedIndex {
    if (serial < 0) {
      throw new IllegalArgumentException("negative serial");
    }
    Objects.requireNonNull(sha256);
    if (!HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a SHA-256 in hex: " + sha256);
    }
  }
}
