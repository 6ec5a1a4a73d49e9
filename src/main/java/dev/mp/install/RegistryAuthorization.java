package dev.mp.install;

import dev.mp.config.AuthSpec;
import dev.mp.config.RegistriesConfig;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Authorization} header to send when fetching a package from a registry's server, by
 * registry name. The header goes only to the origin (scheme, host and port) of the package URL and
 * of redirects within that origin, never to another host. Implementations must be thread-safe
 * (packages are fetched in parallel) and must never log the value.
 */
@FunctionalInterface
public interface RegistryAuthorization {
  /** The header value ({@code Bearer ...}) for packages of {@code registry}, or empty. */
  Optional<String> header(String registry);

  /** No credentials for any registry. */
  RegistryAuthorization NONE = registry -> Optional.empty();

  /**
   * Bearer tokens for the registries configured with {@code token:ENV_VAR}, read from {@code env}.
   * Registries with {@code oidc:} get nothing here; the registry client supplies those.
   */
  static RegistryAuthorization tokens(RegistriesConfig config, Map<String, String> env) {
    return registry -> config.find(registry)
        .map(spec -> spec.auth())
        .filter(AuthSpec.Token.class::isInstance)
        .map(auth -> env.get(((AuthSpec.Token) auth).variable()))
        .filter(token -> !token.isBlank())
        .map(token -> "Bearer " + token);
  }
}
