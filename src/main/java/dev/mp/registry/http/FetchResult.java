package dev.mp.registry.http;

import java.net.URI;

/** What a download came to: the body, "not modified", or why it failed. Expected failures are values. */
public sealed interface FetchResult permits FetchResult.Downloaded, FetchResult.NotModified, FetchResult.Failed {

  /** True when credentials were sent to the server that answered (the final one after redirects). */
  boolean authenticated();

  /**
   * A 200 response, its body written to the request's target.
   *
   * @param finalUri where the body came from after redirects
   * @param wireBytes bytes received (compressed when the server used gzip)
   * @param bodyBytes bytes written to the target (decoded)
   * @param etag the {@code ETag} header, or null
   * @param lastModified the {@code Last-Modified} header, or null
   * @param contentType the {@code Content-Type} header, or null
   */
  record Downloaded(
      URI finalUri, long wireBytes, long bodyBytes, String etag, String lastModified, String contentType,
      boolean authenticated) implements FetchResult {}

  /** A 304: the cached copy is current. */
  record NotModified(URI finalUri, boolean authenticated) implements FetchResult {}

  /**
   * The download failed.
   *
   * @param kind what went wrong
   * @param status the HTTP status when the server answered, or null
   * @param message for people: names the host (never credentials)
   */
  record Failed(Kind kind, Integer status, String message, boolean authenticated) implements FetchResult {}

  /** Why a download failed. */
  enum Kind {
    /** No connection: refused, unknown host, network down. */
    UNREACHABLE,
    /** No answer, or the body stalled, within the timeout. */
    TIMEOUT,
    /** 401 or 403. */
    AUTH_REFUSED,
    /** Any other status that is not 200 or 304 (after redirects). */
    HTTP_ERROR,
    /** The body is larger than the limit. */
    TOO_LARGE,
    /** The connection closed before the whole body arrived, or the gzip stream is cut. */
    TRUNCATED,
    /** A redirect without a location, a loop, or a downgrade from https to http. */
    BAD_REDIRECT
  }
}
