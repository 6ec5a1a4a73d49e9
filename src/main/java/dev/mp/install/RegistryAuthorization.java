package dev.mp.install;

import dev.mp.config.AuthSpec;
import dev.mp.config.RegistriesConfig;
import dev.mp.auth.RegistryTokens;
import dev.mp.auth.TokenSource;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Authorization} header to send when fetching a package from a registry's server, by
 * registry name. The header goes only to the origin (scheme, host and port) of the registry's own URL,
 * never to another host an index or a redirect names, and over plain http only to loopback.
 * Implementations must be thread-safe (packages are fetched in parallel) and must never log the value.
 */
@FunctionalInterface
public interface RegistryAuthorization {
  /**
   * The header value ({@code Bearer ...}) for packages of {@code registry}, or empty; asked for only
   * when a request to the registry's origin is about to be sent.
   *
   * @throws dev.mp.MpException {@code CONFIG_ERROR} or {@code REGISTRY_UNAVAILABLE} when an OIDC token
   *     cannot be obtained
   */
  Optional<String> header(String registry);

  /**
   * Called once after a package download that carried credentials got a 401: forgets the cached
   * token and returns true when a fresh one may succeed (OIDC), false for static tokens.
   */
  default boolean refreshAfterUnauthorized(String registry) {
    return false;
  }

  /** How the credentials of {@code registry} are named in messages; never their value. */
  default String describe(String registry) {
    return "auth of registry `" + registry + "`";
  }

  /** No credentials for any registry. */
  RegistryAuthorization NONE = registry -> Optional.empty();

  /**
   * Bearer tokens for the registries configured with {@code token:ENV_VAR}, read from {@code env}.
   * Registries with {@code oidc:} get nothing here; the registry client supplies those.
   */
  static RegistryAuthorization tokens(RegistriesConfig config, Map<String, String> env) {
    return tokens(config, env, null);
  }

  /**
   * Bearer tokens for {@code token:ENV_VAR} registries from {@code env}, and for {@code oidc:}
   * registries from {@code oidc} (the run's token sources, shared with the registry client so that one
   * token serves index and packages).
   *
   * @param oidc the run's token sources, or null to send nothing for {@code oidc:} registries
   */
  static RegistryAuthorization tokens(RegistriesConfig config, Map<String, String> env, RegistryTokens oidc) {
    RegistryAuthorization plain = environment(config, env);
    return new RegistryAuthorization() {
      @Override
      public Optional<String> header(String registry) {
        Optional<TokenSource> source = oidcSource(registry);
        return source.isPresent() ? Optional.of(source.get().token().authorization()) : plain.header(registry);
      }

      @Override
      public boolean refreshAfterUnauthorized(String registry) {
        Optional<TokenSource> source = oidcSource(registry);
        source.ifPresent(TokenSource::invalidate);
        return source.isPresent();
      }

      @Override
      public String describe(String registry) {
        return config.find(registry).map(spec -> spec.auth().wire()).orElse("none");
      }

      private Optional<TokenSource> oidcSource(String registry) {
        return oidc == null ? Optional.empty()
            : config.find(registry).filter(spec -> spec.auth() instanceof AuthSpec.Oidc).flatMap(oidc::forRegistry);
      }
    };
  }

  private static RegistryAuthorization environment(RegistriesConfig config, Map<String, String> env) {
    return registry -> config.find(registry)
        .map(spec -> spec.auth())
        .filter(AuthSpec.Token.class::isInstance)
        .map(auth -> env.get(((AuthSpec.Token) auth).variable()))
        .filter(token -> !token.isBlank())
        .map(token -> "Bearer " + token);
  }
}
