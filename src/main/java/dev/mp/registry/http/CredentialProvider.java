package dev.mp.registry.http;

import java.util.Optional;

/**
 * Credentials for one registry: the value of the {@code Authorization} header sent to the registry's
 * own origin (never to another one a redirect leads to). Implementations never put the secret into
 * {@link #describe()}, messages or exceptions. Thread-safe: one provider may serve parallel requests.
 */
public interface CredentialProvider {
  /**
   * The {@code Authorization} header value, or empty to send none.
   *
   * @throws dev.mp.MpException {@code CONFIG_ERROR} when the credentials are misconfigured (a missing
   *     environment variable), or {@code REGISTRY_UNAVAILABLE} when they cannot be obtained now
   */
  Optional<String> authorization();

  /**
   * Called once after the registry answered 401 to a request that carried credentials. A provider
   * whose tokens expire (OIDC) drops its cached token and returns true to have the request retried
   * once; static tokens return false.
   */
  default boolean refreshAfterUnauthorized() {
    return false;
  }

  /** How the credentials are named in messages, e.g. {@code token:TEAM_TOKEN}; never the secret. */
  String describe();

  /** No credentials. */
  CredentialProvider NONE =
      new CredentialProvider() {
        @Override
        public Optional<String> authorization() {
          return Optional.empty();
        }

        @Override
        public String describe() {
          return "none";
        }
      };
}
