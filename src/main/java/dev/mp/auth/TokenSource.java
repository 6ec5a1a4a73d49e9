package dev.mp.auth;

import java.io.IOException;

/**
 * Where a registry's bearer token comes from. Implementations cache the token until shortly before it
 * expires, are thread-safe (registries are fetched in parallel), and never put a token in a message.
 */
public interface TokenSource {
  /**
   * The token to send now, fetched when none is cached or the cached one is about to expire.
   *
   * @throws dev.mp.MpException {@code CONFIG_ERROR} when a variable is missing or credentials are
   *     refused; {@code REGISTRY_UNAVAILABLE} when a token endpoint cannot be reached or answers
   *     nonsense. Messages name the provider and variables, never values.
   */
  AccessToken token();

  /** Forgets the cached token, so the next {@link #token()} fetches a new one (after a 401). */
  void invalidate();

  /**
   * Forgets {@code refused} if it is still the cached token: when parallel requests all get a 401 for
   * the same token, the token is fetched again once, not once per request.
   */
  default void invalidate(AccessToken refused) {
    invalidate();
  }

  /** The registry's {@code auth} spec, e.g. {@code oidc:github-actions}; safe to print. */
  String describe();

  /** One authorised request: sends {@code token} (in the {@code Authorization} header) and returns the answer. */
  @FunctionalInterface
  interface Call<R> {
    R send(AccessToken token) throws IOException, InterruptedException;
  }

  /**
   * Sends a request with the current token; when the answer is a 401, forgets the token, fetches a new
   * one and sends once more. The second answer is returned whatever it is, so a registry that refuses
   * every token costs two requests, not a loop.
   *
   * @param unauthorized tells whether an answer is a 401
   */
  default <R> R send(Call<R> call, java.util.function.Predicate<R> unauthorized)
      throws IOException, InterruptedException {
    AccessToken used = token();
    R first = call.send(used);
    if (!unauthorized.test(first)) {
      return first;
    }
    invalidate(used);
    return call.send(token());
  }
}
