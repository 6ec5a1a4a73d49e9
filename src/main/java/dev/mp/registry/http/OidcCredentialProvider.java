package dev.mp.registry.http;

import dev.mp.Context;
import dev.mp.auth.AccessToken;
import dev.mp.auth.RegistryTokens;
import dev.mp.auth.TokenSource;
import dev.mp.config.AuthSpec;
import dev.mp.config.RegistrySpec;
import java.util.Optional;

/**
 * {@code oidc:PROVIDER}: the bearer token of the registry's {@link TokenSource} (DESIGN.md §6), cached
 * until it is about to expire and fetched again once after a 401. The token is only ever the value of
 * the {@code Authorization} header. Thread-safe.
 */
public final class OidcCredentialProvider implements CredentialProvider {
  private final TokenSource source;
  private AccessToken sent;

  OidcCredentialProvider(TokenSource source) {
    this.source = source;
  }

  /** Handles {@code oidc:} registries with the run's shared token sources. */
  public static CredentialProviderFactory factory(RegistryTokens tokens) {
    return new CredentialProviderFactory() {
      @Override
      public Optional<CredentialProvider> create(RegistrySpec spec, Context context) {
        if (!(spec.auth() instanceof AuthSpec.Oidc)) {
          return Optional.empty();
        }
        Optional<TokenSource> source = tokens.forRegistry(spec);
        return source.isPresent() ? Optional.of(new OidcCredentialProvider(source.get())) : Optional.empty();
      }
    };
  }

  /**
   * @throws dev.mp.MpException {@code CONFIG_ERROR} when the provider is misconfigured or refuses the
   *     client, {@code REGISTRY_UNAVAILABLE} when the token endpoint cannot be reached
   */
  @Override
  public Optional<String> authorization() {
    AccessToken token = source.token();
    synchronized (this) {
      sent = token;
    }
    return Optional.of(token.authorization());
  }

  @Override
  public boolean refreshAfterUnauthorized() {
    AccessToken refused;
    synchronized (this) {
      refused = sent;
    }
    if (refused == null) {
      source.invalidate();
    } else {
      source.invalidate(refused);
    }
    return true;
  }

  @Override
  public String describe() {
    return source.describe();
  }
}
