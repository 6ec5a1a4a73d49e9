package dev.mp.auth;

import dev.mp.Context;
import dev.mp.config.RegistrySpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The token sources of one run, one per registry, so that index fetches and package downloads of a
 * registry share one cached token (and one refresh after a 401) instead of each fetching their own.
 * Thread-safe.
 */
public final class RegistryTokens {
  private final Context context;
  private final Map<String, Optional<TokenSource>> sources = new HashMap<>();

  public RegistryTokens(Context context) {
    this.context = context;
  }

  /**
   * The token source of {@code spec}, built on first use ({@link TokenSources#forRegistry}); empty
   * for {@code auth: none}.
   *
   * @throws dev.mp.MpException {@code CONFIG_ERROR} for a malformed {@code oidcAudience}
   */
  public synchronized Optional<TokenSource> forRegistry(RegistrySpec spec) {
    Optional<TokenSource> source = sources.get(spec.name());
    if (source == null) {
      source = TokenSources.forRegistry(spec, context);
      sources.put(spec.name(), source);
    }
    return source;
  }
}
