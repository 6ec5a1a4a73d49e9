package dev.mp.registry.http;

import dev.mp.Context;
import dev.mp.config.RegistrySpec;
import java.util.Optional;

/**
 * Makes the {@link CredentialProvider} for a registry's {@code auth} spec. Each factory handles some
 * auth methods and returns empty for the others; the registry client asks its factories in order.
 * This is how further methods (OIDC) are added without touching the client.
 */
@FunctionalInterface
public interface CredentialProviderFactory {
  /**
   * The provider for {@code spec}, or empty when this factory does not handle its auth method.
   *
   * @throws dev.mp.MpException {@code CONFIG_ERROR} when the spec is handled but misconfigured
   */
  Optional<CredentialProvider> create(RegistrySpec spec, Context context);
}
