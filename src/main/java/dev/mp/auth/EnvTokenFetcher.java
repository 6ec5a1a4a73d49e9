package dev.mp.auth;

import dev.mp.MpException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A token read from an environment variable: {@code token:VAR} (any bearer token) or {@code
 * oidc:env:VAR} (an OIDC ID token that CI put there). When the token is a JWT its {@code exp} is its
 * expiry, and an expired one is refused here with a clear message rather than sent to be refused.
 */
final class EnvTokenFetcher implements CachingTokenSource.Fetcher {
  private final String provider;
  private final String variable;
  private final Map<String, String> env;
  private final Clock clock;

  EnvTokenFetcher(String provider, String variable, Map<String, String> env, Clock clock) {
    this.provider = provider;
    this.variable = variable;
    this.env = env;
    this.clock = clock;
  }

  @Override
  public AccessToken fetch() {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      throw MpException.config("`" + provider + "`: environment variable `" + variable + "` is not set",
          provider.startsWith("oidc:")
              ? "set `" + variable + "` to an OIDC ID token issued for this registry (your CI can provide one)"
              : "set `" + variable + "` to the registry's access token");
    }
    String token = value.strip();
    Optional<Instant> expiry = Jwt.expiry(token);
    if (expiry.isPresent() && !clock.instant().isBefore(expiry.get())) {
      throw MpException.config("`" + provider + "`: the token in `" + variable + "` expired at " + expiry.get(),
          "provide a fresh token in `" + variable + "`");
    }
    try {
      return new AccessToken(token, expiry.orElse(null));
    } catch (IllegalArgumentException e) {
      throw MpException.config("`" + provider + "`: the value of `" + variable
          + "` is not a bearer token: it contains spaces or control characters");
    }
  }
}
