package dev.mp.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token and when it expires. The secret is reachable only through {@link #authorization()},
 * which is meant for the {@code Authorization} header of a request and nowhere else; {@link
 * #toString()} never shows it. Immutable and thread-safe.
 */
public final class AccessToken {
  private final String secret;
  private final Instant expiresAt;

  /**
   * @param secret the token; never null or blank
   * @param expiresAt when the token stops being valid, or null when unknown
   */
  public AccessToken(String secret, Instant expiresAt) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isBlank() || secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      // A line break in a header value would let a token inject headers; HttpClient refuses it anyway.
      throw new IllegalArgumentException("a bearer token is one run of visible ASCII characters");
    }
    this.secret = secret;
    this.expiresAt = expiresAt;
  }

  /** The value of the {@code Authorization} header: {@code Bearer <token>}. */
  public String authorization() {
    return "Bearer " + secret;
  }

  /** When the token expires, or null when unknown. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** True when {@code text} contains the secret (for scrubbing text from servers before showing it). */
  boolean appearsIn(String text) {
    return text != null && text.contains(secret);
  }

  @Override
  public String toString() {
    return "AccessToken[***" + (expiresAt == null ? "" : ", expires " + expiresAt) + "]";
  }
}
