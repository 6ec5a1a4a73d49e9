package dev.mp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.io.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the {@code exp} claim of a JWT to know when a token expires. The signature is not checked: mp
 * only sends the token on, and the server that receives it is the one that must verify it.
 */
final class Jwt {
  private static final int MAX_PAYLOAD = 64 * 1024;

  private Jwt() {}

  /** The expiry of {@code token} when it is a JWT with a numeric {@code exp}, else empty. */
  static Optional<Instant> expiry(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[1].isEmpty() || parts[1].length() > MAX_PAYLOAD) {
      return Optional.empty();
    }
    try {
      JsonNode payload = Json.readTree(Base64.getUrlDecoder().decode(parts[1]));
      JsonNode exp = payload == null ? null : payload.get("exp");
      if (exp == null || !exp.isNumber() || !exp.canConvertToLong()) {
        return Optional.empty();
      }
      return Optional.of(Instant.ofEpochSecond(exp.asLong()));
    } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
