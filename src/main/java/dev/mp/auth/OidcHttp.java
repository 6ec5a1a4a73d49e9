package dev.mp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.Json;
import dev.mp.io.SafeUrl;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP side of token fetching, with the rules that keep credentials safe: endpoints must be {@code
 * https} (plain {@code http} only to a loopback address, which never leaves the machine — that is what
 * lets tests run a real server); redirects are never followed (a token endpoint that redirects is
 * misconfigured or hostile, and following would carry credentials along); a whole exchange, body
 * included, is bounded in time and size (a server that drips bytes or never stops cannot hold mp);
 * URLs are shown without query or credentials. Thread-safe.
 */
final class OidcHttp {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** The whole exchange, body included: a server dripping bytes slowly cannot hold mp longer. */
  static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(30);
  static final int MAX_RESPONSE_BYTES = 256 * 1024;

  /** An answer: status and body (at most {@link #MAX_RESPONSE_BYTES}). */
  record Response(int status, byte[] body) {}

  private final String provider;
  private final Duration timeout;
  private volatile HttpClient client;

  /** @param provider the auth spec, for messages ({@code oidc:https://issuer}) */
  OidcHttp(String provider) {
    this(provider, EXCHANGE_TIMEOUT);
  }

  OidcHttp(String provider, Duration timeout) {
    this.provider = provider;
    this.timeout = timeout;
  }

  /**
   * Parses and checks an endpoint URL.
   *
   * @param what how the endpoint is named in errors
   * @throws MpException {@code CONFIG_ERROR} when it is not https (or loopback http), or has credentials
   */
  URI endpoint(String url, String what) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw MpException.config(provider + ": " + what + " is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || SafeUrl.hasUserInfo(url)) {
      throw MpException.config(provider + ": " + what + " must be an https URL without credentials");
    }
    if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(uri.getHost()))) {
      throw MpException.config(provider + ": " + what + " `" + display(uri) + "` must use https",
          "plain http is accepted only for loopback addresses (127.0.0.1, ::1, localhost)");
    }
    return uri;
  }

  /** Sends {@code request} (no redirects followed) and reads a bounded answer within the time limit. */
  Response send(HttpRequest.Builder request, String what) {
    HttpRequest built = request.timeout(timeout).header("Accept", "application/json").build();
    CompletableFuture<HttpResponse<byte[]>> exchange =
        client().sendAsync(built, info -> new BoundedBody(MAX_RESPONSE_BYTES));
    try {
      HttpResponse<byte[]> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Response(response.statusCode(), response.body());
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw unavailable(what + " did not answer within "
          + (timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s"));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof BoundedBody.TooLarge) {
        throw unavailable(what + " sent more than " + (MAX_RESPONSE_BYTES / 1024) + " KiB");
      }
      throw new MpException(ErrorCode.REGISTRY_UNAVAILABLE,
          provider + ": cannot reach " + what + " `" + display(built.uri()) + "`: " + MpException.describe(cause),
          java.util.List.of("check the network, or run with `--offline` to use cached indexes"), null);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for " + what);
    }
  }

  /** The body as a JSON object, or a {@code REGISTRY_UNAVAILABLE} error naming {@code what}. */
  JsonNode json(Response response, String what) {
    try {
      JsonNode node = Json.readTree(Json.factory().createParser(response.body()));
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException e) {
      // Reported below: a token endpoint answering anything but JSON is broken or not a token endpoint.
    }
    throw unavailable(what + " did not answer with a JSON object");
  }

  MpException unavailable(String message) {
    return new MpException(ErrorCode.REGISTRY_UNAVAILABLE, provider + ": " + message);
  }

  /** Scheme, host, port and path: never the query (GitHub's request URL carries parameters) or user-info. */
  static String display(URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme() + "://" + uri.getHost() + port + path;
  }

  static boolean isLoopback(String host) {
    return Transport.isLoopback(host);
  }

  private HttpClient client() {
    HttpClient current = client;
    if (current == null) {
      synchronized (this) {
        if (client == null) {
          client = HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(CONNECT_TIMEOUT)
              .build();
        }
        current = client;
      }
    }
    return current;
  }
}
