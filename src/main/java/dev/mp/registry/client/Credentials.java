package dev.mp.registry.client;

import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.config.AuthSpec;
import dev.mp.config.RegistrySpec;
import dev.mp.registry.http.CredentialProvider;
import dev.mp.registry.http.CredentialProviderFactory;
import dev.mp.auth.Transport;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Picks the credential provider for a registry from the factories this build has. Thread-safe. */
final class Credentials {
  private final Context context;
  private final List<CredentialProviderFactory> factories;

  Credentials(Context context, List<CredentialProviderFactory> factories) {
    this.context = context;
    this.factories = List.copyOf(factories);
  }

  /**
   * The provider for {@code spec}'s {@code auth}.
   *
   * @throws MpException {@code REGISTRY_UNAVAILABLE} when no factory handles the method, {@code
   *     CONFIG_ERROR} when credentials would go over plain http to another machine, or a factory's
   *     {@code CONFIG_ERROR}
   */
  CredentialProvider forRegistry(RegistrySpec spec) {
    if (!(spec.auth() instanceof AuthSpec.None) && spec.isRemote()) {
      Transport.requireSafeForCredentials(URI.create(spec.url().trim()), spec.auth().wire(),
          "registry `" + spec.name() + "`");
    }
    for (CredentialProviderFactory factory : factories) {
      Optional<CredentialProvider> provider = factory.create(spec, context);
      if (provider.isPresent()) {
        return provider.get();
      }
    }
    String what = spec.auth() instanceof AuthSpec.Oidc ? "OIDC token exchange" : "`" + spec.auth().method() + "` authentication";
    throw new MpException(ErrorCode.REGISTRY_UNAVAILABLE,
        "registry `" + spec.name() + "` uses `auth: " + spec.auth().wire() + "`, which needs " + what
            + "; the credential providers given to this registry client do not include it",
        "use `--auth token:ENV_VAR` with `mp registry add " + spec.name() + "` meanwhile, or disable the registry");
  }
}
