package dev.mp.registry.http;

import dev.mp.Context;
import dev.mp.MpException;
import dev.mp.config.AuthSpec;
import dev.mp.config.RegistrySpec;
import java.util.Map;
import java.util.Optional;

/**
 * {@code token:ENV_VAR}: a Bearer token read from the environment of the run ({@link Context#env()}).
 * The variable is read when a request needs it, so registries that are never contacted (fresh cache,
 * {@code --offline}) do not need it set. Immutable and thread-safe.
 */
public final class TokenCredentialProvider implements CredentialProvider {
  /** Handles {@code none} and {@code token:ENV_VAR}. */
  public static final CredentialProviderFactory FACTORY = new CredentialProviderFactory() {
    @Override
    public Optional<CredentialProvider> create(RegistrySpec spec, Context context) {
      return TokenCredentialProvider.create(spec, context);
    }
  };

  private final String registry;
  private final String variable;
  private final Map<String, String> env;

  TokenCredentialProvider(String registry, String variable, Map<String, String> env) {
    this.registry = registry;
    this.variable = variable;
    this.env = env;
  }

  private static Optional<CredentialProvider> create(RegistrySpec spec, Context context) {
    if (spec.auth() instanceof AuthSpec.None) {
      return Optional.of(CredentialProvider.NONE);
    }
    if (spec.auth() instanceof AuthSpec.Token token) {
      return Optional.of(new TokenCredentialProvider(spec.name(), token.variable(), context.env()));
    }
    return Optional.empty();
  }

  /**
   * {@code Bearer <token>}.
   *
   * @throws MpException {@code CONFIG_ERROR} naming the variable (never its value) when it is unset,
   *     empty or not a valid header value
   */
  @Override
  public Optional<String> authorization() {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      throw MpException.config(
          "environment variable `" + variable + "` is not set (registry `" + registry + "` uses `auth: token:"
              + variable + "`)",
          "set `" + variable + "` to the registry's token, or change the registry's auth with `mp registry add`");
    }
    String token = value.strip();
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw MpException.config(
            "environment variable `" + variable + "` does not hold a valid token (registry `" + registry
                + "`): it contains spaces or control characters",
            "set `" + variable + "` to the token alone, without `Bearer ` or quotes");
      }
    }
    return Optional.of("Bearer " + token);
  }

  @Override
  public String describe() {
    return "token:" + variable;
  }
}
