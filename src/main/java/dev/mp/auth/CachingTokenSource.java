package dev.mp.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link TokenSource} that fetches through a {@link Fetcher} and keeps the token until shortly
 * before it expires: a fifth of its lifetime early, at most a minute, so a request never leaves with a
 * token that dies on the way. A token without a known expiry is kept until {@link #invalidate()}.
 * Thread-safe: concurrent callers share one fetch.
 */
final class CachingTokenSource implements TokenSource {
  static final Duration MAX_EARLY_REFRESH = Duration.ofMinutes(1);

  /** Fetches a fresh token. */
  @FunctionalInterface
  interface Fetcher {
    AccessToken fetch();
  }

  private final String description;
  private final Fetcher fetcher;
  private final Clock clock;
  private AccessToken cached;
  private Instant refreshAt;

  CachingTokenSource(String description, Fetcher fetcher, Clock clock) {
    this.description = Objects.requireNonNull(description);
    this.fetcher = Objects.requireNonNull(fetcher);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public synchronized AccessToken token() {
    Instant now = clock.instant();
    if (cached != null && (refreshAt == null || now.isBefore(refreshAt))) {
      return cached;
    }
    AccessToken token = fetcher.fetch();
    cached = token;
    refreshAt = refreshTime(now, token.expiresAt());
    return token;
  }

  @Override
  public synchronized void invalidate() {
    cached = null;
    refreshAt = null;
  }

  @Override
  public synchronized void invalidate(AccessToken refused) {
    if (cached == refused) {
      invalidate();
    }
  }

  @Override
  public String describe() {
    return description;
  }

  static Instant refreshTime(Instant fetchedAt, Instant expiresAt) {
    if (expiresAt == null) {
      return null;
    }
    Duration lifetime = Duration.between(fetchedAt, expiresAt);
    if (lifetime.isNegative() || lifetime.isZero()) {
      return fetchedAt;
    }
    Duration early = lifetime.dividedBy(5);
    return expiresAt.minus(early.compareTo(MAX_EARLY_REFRESH) > 0 ? MAX_EARLY_REFRESH : early);
  }

  @Override
  public String toString() {
    return "TokenSource[" + description + "]";
  }
}
