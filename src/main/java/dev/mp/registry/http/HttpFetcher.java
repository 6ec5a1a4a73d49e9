package dev.mp.registry.http;

import dev.mp.MpException;
import dev.mp.Version;
import dev.mp.io.AtomicFiles;
import dev.mp.io.SafeUrl;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Downloads registry documents with the JDK {@code HttpClient}: {@code User-Agent: mp/<version>},
 * {@code Accept-Encoding: gzip} (decoded here), conditional requests, a size limit enforced while
 * streaming, connect/header/stall timeouts, and redirects followed by hand so that the {@code
 * Authorization} header is dropped as soon as the origin (scheme, host, port) changes. A redirect
 * from https to http is refused.
 *
 * <p>The client and its stall watchdog are built on first use, once per instance (one per run).
 * Thread-safe: parallel fetches share the client.
 */
public final class HttpFetcher {
  private final HttpSettings settings;
  private final FetchFailures failures;
  private volatile HttpClient client;
  private volatile ScheduledExecutorService watchdog;

  public HttpFetcher(HttpSettings settings) {
    this.settings = settings;
    this.failures = new FetchFailures(settings);
  }

  public HttpSettings settings() {
    return settings;
  }

  /**
   * Fetches {@code request.uri()}; on a 200 the decoded body replaces {@code request.target()}.
   * Expected failures (network, status, size, time) are returned as {@link FetchResult.Failed}.
   *
   * @throws MpException {@code CONFIG_ERROR} when the credentials are misconfigured (from the
   *     provider), {@code IO_ERROR} when the target cannot be written
   */
  public FetchResult fetch(FetchRequest request) {
    String origin = Origins.of(request.uri());
    URI uri = request.uri();
    boolean retriedAuth = false;
    int redirects = 0;
    while (true) {
      Optional<String> authorization =
          Origins.of(uri).equals(origin) ? request.credentials().authorization() : Optional.empty();
      boolean authenticated = authorization.isPresent();
      Path part = sibling(request.target(), ".part");
      AtomicReference<HttpResponse.ResponseInfo> head = new AtomicReference<>();
      AtomicReference<DownloadSubscriber> body = new AtomicReference<>();
      HttpResponse<Long> response;
      try {
        response = client().sendAsync(build(uri, request, authorization), info -> {
          head.set(info);
          if (info.statusCode() != 200) {
            return HttpResponse.BodySubscribers.replacing(-1L);
          }
          DownloadSubscriber subscriber =
              new DownloadSubscriber(part, settings.maxBytes(), watchdog(), settings.readTimeout(),
                  settings.totalTimeout());
          body.set(subscriber);
          return subscriber;
        }).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        deleteQuietly(part);
        return new FetchResult.Failed(FetchResult.Kind.UNREACHABLE, null, "interrupted while fetching `"
            + SafeUrl.redact(uri.toString()) + "`", authenticated);
      } catch (ExecutionException | CompletionException e) {
        deleteQuietly(part);
        DownloadSubscriber subscriber = body.get();
        return failures.failure(uri, FetchFailures.unwrap(e), head.get() != null, subscriber == null ? 0 : subscriber.count(), authenticated);
      }
      int status = response.statusCode();
      if (isRedirect(status)) {
        Optional<String> location = response.headers().firstValue("Location");
        URI next = location.isEmpty() ? null : resolve(uri, location.get());
        String problem = failures.redirectProblem(uri, next, redirects);
        if (problem != null) {
          return new FetchResult.Failed(FetchResult.Kind.BAD_REDIRECT, status, problem, authenticated);
        }
        uri = next;
        redirects++;
        continue;
      }
      if (status == 401 && authenticated && !retriedAuth && request.credentials().refreshAfterUnauthorized()) {
        retriedAuth = true;
        continue;
      }
      if (status == 401 || status == 403) {
        String message = authenticated
            ? "`" + Origins.hostPort(uri) + "` refused the credentials (`" + request.credentials().describe()
                + "`): HTTP " + status
            : "`" + Origins.hostPort(uri) + "` requires authentication: HTTP " + status;
        return new FetchResult.Failed(FetchResult.Kind.AUTH_REFUSED, status, message, authenticated);
      }
      if (status == 304) {
        return new FetchResult.NotModified(uri, authenticated);
      }
      if (status != 200) {
        return new FetchResult.Failed(FetchResult.Kind.HTTP_ERROR, status,
            "HTTP " + status + " from `" + SafeUrl.redact(uri.toString()) + "`" + RetryAfter.describe(status, response.headers()), authenticated);
      }
      return finish(uri, response, part, request.target(), authenticated);
    }
  }

  private HttpRequest build(URI uri, FetchRequest request, Optional<String> authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .GET()
        .timeout(settings.requestTimeout())
        .header("User-Agent", "mp/" + Version.current())
        .header("Accept", "application/json")
        .header("Accept-Encoding", "gzip");
    if ("http".equalsIgnoreCase(uri.getScheme())) {
      // No h2c upgrade dance on plain http; HTTP/2 is still negotiated over TLS.
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    if (request.etag() != null) {
      builder.header("If-None-Match", request.etag());
    }
    if (request.lastModified() != null) {
      builder.header("If-Modified-Since", request.lastModified());
    }
    authorization.ifPresent(value -> builder.header("Authorization", value));
    return builder.build();
  }

  private FetchResult finish(URI uri, HttpResponse<Long> response, Path part, Path target, boolean authenticated) {
    long wire = response.body();
    String encoding = response.headers().firstValue("Content-Encoding").orElse("identity").trim().toLowerCase(Locale.ROOT);
    long decoded = wire;
    try {
      if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
        Path plain = sibling(target, ".plain");
        try {
          decoded = gunzip(part, plain);
        } finally {
          deleteQuietly(part);
        }
        AtomicFiles.moveAtomically(plain, target);
      } else if (encoding.equals("identity")) {
        AtomicFiles.moveAtomically(part, target);
      } else {
        deleteQuietly(part);
        return new FetchResult.Failed(FetchResult.Kind.HTTP_ERROR, 200,
            "`" + Origins.hostPort(uri) + "` sent an unsupported Content-Encoding `" + encoding + "`", authenticated);
      }
    } catch (DownloadSubscriber.TooLargeException e) {
      return failures.tooLarge(uri, authenticated);
    } catch (ZipException | EOFException e) {
      return new FetchResult.Failed(FetchResult.Kind.TRUNCATED, 200,
          "the gzip body from `" + Origins.hostPort(uri) + "` is cut short or corrupt", authenticated);
    } catch (IOException e) {
      deleteQuietly(part);
      throw MpException.io("failed to write the download to `" + target + "`", e);
    }
    return new FetchResult.Downloaded(uri, wire, decoded, response.headers().firstValue("ETag").orElse(null),
        response.headers().firstValue("Last-Modified").orElse(null),
        response.headers().firstValue("Content-Type").orElse(null), authenticated);
  }

  /** Decodes with the same size limit as the wire, so a small gzip bomb cannot fill the disk. */
  private long gunzip(Path gz, Path plain) throws IOException {
    long total = 0;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 64 * 1024);
        OutputStream out = Files.newOutputStream(plain)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
        if (total > settings.maxBytes()) {
          throw new DownloadSubscriber.TooLargeException(settings.maxBytes());
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      deleteQuietly(plain);
      throw e;
    }
    return total;
  }

  private static URI resolve(URI base, String location) {
    try {
      return base.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static Path sibling(Path target, String suffix) {
    return target.resolveSibling("." + target.getFileName() + suffix + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong()));
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A stray partial download is harmless; the next one uses another name.
    }
  }

  private HttpClient client() {
    HttpClient value = client;
    if (value == null) {
      synchronized (this) {
        if (client == null) {
          client = HttpClient.newBuilder()
              .connectTimeout(settings.connectTimeout())
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
        }
        value = client;
      }
    }
    return value;
  }

  private ScheduledExecutorService watchdog() {
    ScheduledExecutorService value = watchdog;
    if (value == null) {
      synchronized (this) {
        if (watchdog == null) {
          watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mp-http-watchdog");
            thread.setDaemon(true);
            return thread;
          });
        }
        value = watchdog;
      }
    }
    return value;
  }
}
