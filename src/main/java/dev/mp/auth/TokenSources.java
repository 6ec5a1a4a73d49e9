package dev.mp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.Context;
import dev.mp.MpException;
import dev.mp.config.AuthSpec;
import dev.mp.config.RegistrySpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link TokenSource} of a registry from its {@code auth} (DESIGN.md §6):
 *
 * <ul>
 *   <li>{@code token:VAR}: the value of {@code VAR};
 *   <li>{@code oidc:env:VAR}: an OIDC ID token in {@code VAR}, expiring at its JWT {@code exp};
 *   <li>{@code oidc:github-actions}: an ID token from the GitHub Actions token service, requested for
 *       the registry's audience;
 *   <li>{@code oidc:https://issuer}: an access token by the client-credentials grant, with {@code
 *       MP_OIDC_CLIENT_ID}/{@code MP_OIDC_CLIENT_SECRET} (and {@code MP_OIDC_SCOPE} when set).
 * </ul>
 *
 * The audience is the registry's {@code oidcAudience} field when it has one, else the origin of its
 * URL ({@code https://plugins.team.dev}): what the registry server expects to find in {@code aud}.
 * For the client-credentials grant it is sent only when {@code oidcAudience} is set, since issuers
 * that do not know the parameter may refuse it. Sources read the environment given here, never {@code
 * System.getenv}, and fetch nothing until asked for a token.
 */
public final class TokenSources {
  /** The registry field that names the OIDC audience. */
  public static final String AUDIENCE_FIELD = "oidcAudience";

  private TokenSources() {}

  /**
   * The token source of a registry, or empty when its {@code auth} is {@code none}. One source per
   * registry and run: it caches the token.
   *
   * @throws MpException {@code CONFIG_ERROR} when {@code oidcAudience} is malformed, or a
   *     github-actions registry has neither an http(s) URL nor {@code oidcAudience}
   */
  public static Optional<TokenSource> forRegistry(RegistrySpec spec, Context context) {
    AuthSpec auth = spec.auth();
    if (auth instanceof AuthSpec.Token) {
      return Optional.of(fromEnvironment(auth.wire(), ((AuthSpec.Token) auth).variable(), context.env(), context.clock()));
    }
    if (auth instanceof AuthSpec.Oidc) {
      String provider = ((AuthSpec.Oidc) auth).provider();
      String audience = explicitAudience(spec)
          .orElseGet(() -> provider.equals("github-actions") ? origin(spec) : null);
      return Optional.of(oidc(provider, audience, context.env(), context.clock()));
    }
    return Optional.empty();
  }

  /**
   * An OIDC token source.
   *
   * @param provider {@code github-actions}, {@code env:VAR} or an issuer URL
   * @param audience the audience: required for {@code github-actions}; for an issuer, sent when not
   *     null; unused for {@code env:VAR}
   * @param env the environment to read variables from
   * @param clock the time source for expiry
   * @throws MpException {@code CONFIG_ERROR} for a provider of no known form, or a missing audience
   */
  public static TokenSource oidc(String provider, String audience, Map<String, String> env, Clock clock) {
    String description = "oidc:" + provider;
    if (provider.equals("github-actions")) {
      if (audience == null || audience.isBlank()) {
        throw MpException.config("`" + description + "` needs an audience",
            "set the registry's `" + AUDIENCE_FIELD + "`");
      }
      return new CachingTokenSource(description, new GitHubActionsFetcher(audience, env), clock);
    }
    if (provider.startsWith("env:") && AuthSpec.isEnvVar(provider.substring(4))) {
      return fromEnvironment(description, provider.substring(4), env, clock);
    }
    String lower = provider.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      return new CachingTokenSource(description, new ClientCredentialsFetcher(provider, audience, env, clock), clock);
    }
    throw MpException.config("unknown OIDC provider `" + description + "`", "use " + AuthSpec.forms());
  }

  /** A source that reads a bearer token from the environment variable {@code variable}. */
  public static TokenSource fromEnvironment(String description, String variable, Map<String, String> env, Clock clock) {
    return new CachingTokenSource(description, new EnvTokenFetcher(description, variable, env, clock), clock);
  }

  /** The registry's {@code oidcAudience}, when set. */
  static Optional<String> explicitAudience(RegistrySpec spec) {
    JsonNode value = spec.extra().get(AUDIENCE_FIELD);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw MpException.config("registry `" + spec.name() + "`: field `" + AUDIENCE_FIELD + "` must be a non-empty string");
    }
    return Optional.of(value.textValue().strip());
  }

  /** {@code scheme://host[:port]} of the registry URL, lower-case, default port omitted. */
  static String origin(RegistrySpec spec) {
    try {
      URI uri = new URI(spec.url());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() != null && (scheme.equals("https") || scheme.equals("http"))) {
        boolean defaultPort = uri.getPort() < 0 || (scheme.equals("https") ? uri.getPort() == 443 : uri.getPort() == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + uri.getPort());
      }
    } catch (URISyntaxException e) {
      // Falls through: only http(s) registries have an origin.
    }
    throw MpException.config("registry `" + spec.name() + "` uses `" + spec.auth().wire()
            + "` but its URL is not http(s), so it has no default audience",
        "set `" + AUDIENCE_FIELD + "` on the registry in `.claude/registries.json`");
  }
}
