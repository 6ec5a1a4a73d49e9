package dev.mp.install;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.SafeUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Downloads archives over HTTP(S) with the JDK client. Redirects are followed by hand (at most 5) so
 * that the {@code Authorization} header goes only to the origin of the first URL: a redirect to
 * another host is followed without it. Bytes are counted as they arrive; an archive over the limit is
 * refused. Thread-safe: the client is shared.
 */
final class HttpDownloader {
  private static final int MAX_REDIRECTS = 5;

  private volatile HttpClient client;

  HttpDownloader() {}

  /**
   * The client, built on the first download: an install served from the package store never pays
   * for it (building one starts threads and costs tens of milliseconds).
   */
  private HttpClient client() {
    HttpClient built = client;
    if (built == null) {
      synchronized (this) {
        built = client;
        if (built == null) {
          built = HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(Duration.ofSeconds(15))
              .build();
          client = built;
        }
      }
    }
    return built;
  }

  /**
   * Writes the body at {@code url} to {@code to}, feeding {@code digest}.
   *
   * @throws MpException {@code PACKAGE_UNAVAILABLE} for network errors and non-2xx answers, {@code
   *     UNSAFE_PACKAGE} when the body is over {@code maxBytes}
   */
  void download(String url, Optional<String> authorization, Path to, long maxBytes, MessageDigest digest) {
    URI origin = URI.create(url);
    URI current = origin;
    String shown = SafeUrl.redact(url);
    try {
      for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
        HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(Duration.ofMinutes(5)).GET();
        if (authorization.isPresent() && sameOrigin(origin, current)) {
          request.header("Authorization", authorization.get());
        }
        HttpResponse<InputStream> response = client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if (status >= 300 && status < 400 && response.headers().firstValue("location").isPresent()) {
          response.body().close();
          current = current.resolve(response.headers().firstValue("location").get());
          continue;
        }
        try (InputStream body = response.body()) {
          if (status != 200) {
            throw unavailable(shown, "HTTP " + status + (status == 401 || status == 403
                ? " (check the registry's `auth` and its token)" : ""), null);
          }
          copy(body, to, maxBytes, digest, shown);
          return;
        }
      }
      throw unavailable(shown, "more than " + MAX_REDIRECTS + " redirects", null);
    } catch (IOException e) {
      throw unavailable(shown, MpException.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(shown, "interrupted", e);
    }
  }

  private static void copy(InputStream body, Path to, long maxBytes, MessageDigest digest, String shown)
      throws IOException {
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    try (OutputStream out = Files.newOutputStream(to)) {
      int n;
      while ((n = body.read(buffer)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new MpException(ErrorCode.UNSAFE_PACKAGE,
              "refused archive `" + shown + "`: larger than " + (maxBytes >> 20) + " MiB",
              "the package is unsafe to install; nothing was installed");
        }
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    }
  }

  static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
        && Objects.equals(lower(a.getHost()), lower(b.getHost()))
        && port(a) == port(b);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static MpException unavailable(String shown, String why, Throwable cause) {
    return new MpException(ErrorCode.PACKAGE_UNAVAILABLE, "failed to download `" + shown + "`: " + why,
        List.of("check the network and the registry, then try again"), cause);
  }
}
