package dev.mp.install;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.auth.Transport;
import dev.mp.io.SafeUrl;
import dev.mp.registry.http.RetryAfter;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Downloads archives over HTTP(S) with the JDK client. Redirects are followed by hand (at most 5).
 * Registry credentials go only to the registry's own origin (scheme, host and port of its URL): an
 * archive the index places on another host, or a redirect to one, is fetched without them, so an
 * index cannot direct a token elsewhere; they never travel over plain http except to loopback. After
 * a 401 to a request that carried them, fresh credentials are asked for once and the request is sent
 * again. Bytes are counted as they arrive (an archive over the limit is refused), and a body that
 * stalls, or drips so slowly that it takes longer than the time limit in all, is cut off.
 * Thread-safe: the client is shared.
 */
final class HttpDownloader {
  private static final int MAX_REDIRECTS = 5;
  static final Duration TOTAL_TIMEOUT = Duration.ofMinutes(15);
  static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

  /**
   * The credentials of the registry a package comes from.
   *
   * @param origin the registry's URL, whose origin alone receives them; null for a local registry
   * @param authorization the {@code Authorization} header value, asked for only when it is sent
   * @param refresh asked once after a 401: true when fresh credentials may succeed
   * @param describe how they are named in messages ({@code token:TEAM_TOKEN}); never the value
   */
  record Credentials(URI origin, Supplier<Optional<String>> authorization, BooleanSupplier refresh, String describe) {
    static final Credentials NONE = new Credentials(null, Optional::empty, () -> false, "none");
  }

  private volatile HttpClient client;
  private final Duration total;
  private final Duration stall;

  /** One daemon thread for every downloader: it only ever closes streams that ran out of time. */
  private static final class Watchdog {
    static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "mp-download-watchdog");
      thread.setDaemon(true);
      return thread;
    });
  }

  HttpDownloader() {
    this(TOTAL_TIMEOUT, STALL_TIMEOUT);
  }

  /** A downloader with its own time limits (tests keep them short). */
  HttpDownloader(Duration total, Duration stall) {
    this.total = total;
    this.stall = stall;
  }

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
   * @throws MpException {@code PACKAGE_UNAVAILABLE} for network errors, non-2xx answers and time
   *     limits, {@code UNSAFE_PACKAGE} when the body is over {@code maxBytes}, {@code CONFIG_ERROR}
   *     when credentials would go over plain http to another machine
   */
  void download(String url, Credentials credentials, Path to, long maxBytes, MessageDigest digest) {
    download(url, credentials, to, maxBytes, digest, null);
  }

  /**
   * {@link #download(String, Credentials, Path, long, MessageDigest)} asking for the media type {@code
   * accept} (null for none).
   */
  void download(String url, Credentials credentials, Path to, long maxBytes, MessageDigest digest, String accept) {
    URI current = URI.create(url);
    String shown = SafeUrl.redact(url);
    boolean refreshed = false;
    try {
      for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
        HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(stall).GET();
        if (accept != null) {
          request.header("Accept", accept);
        }
        boolean authenticated = false;
        if (credentials.origin() != null && sameOrigin(credentials.origin(), current)) {
          Optional<String> header = credentials.authorization().get();
          if (header.isPresent()) {
            Transport.requireSafeForCredentials(current, credentials.describe(), "the package `" + shown + "`");
            request.header("Authorization", header.get());
            authenticated = true;
          }
        }
        HttpResponse<InputStream> response = client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if (status >= 300 && status < 400 && response.headers().firstValue("location").isPresent()) {
          response.body().close();
          current = current.resolve(response.headers().firstValue("location").get());
          continue;
        }
        if (status == 401 && authenticated && !refreshed && credentials.refresh().getAsBoolean()) {
          response.body().close();
          refreshed = true;
          hop--;
          continue;
        }
        try (InputStream body = response.body()) {
          if (status != 200) {
            throw unavailable(shown, "HTTP " + status + (status == 401 || status == 403
                ? " (check the registry's `auth` and its token)" : RetryAfter.describe(status, response.headers())), null);
          }
          copy(body, to, maxBytes, digest, shown);
          return;
        }
      }
      throw unavailable(shown, "more than " + MAX_REDIRECTS + " redirects", null);
    } catch (java.net.http.HttpTimeoutException e) {
      throw unavailable(shown, "no response within " + describe(stall), e);
    } catch (IOException e) {
      throw unavailable(shown, MpException.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(shown, "interrupted", e);
    }
  }

  /** Copies with a watchdog that closes the body when it stalls or takes too long in all. */
  private void copy(InputStream body, Path to, long maxBytes, MessageDigest digest, String shown) throws IOException {
    long started = System.nanoTime();
    AtomicLong progress = new AtomicLong(started);
    AtomicReference<String> cutOff = new AtomicReference<>();
    long period = Math.max(10, Math.min(1000, Math.min(stall.toMillis(), total.toMillis()) / 4));
    ScheduledFuture<?> check = Watchdog.INSTANCE.scheduleAtFixedRate(() -> {
      long now = System.nanoTime();
      String why = now - started > total.toNanos() ? "took longer than " + describe(total) + " in all"
          : now - progress.get() > stall.toNanos() ? "stalled for more than " + describe(stall) : null;
      if (why != null && cutOff.compareAndSet(null, why)) {
        try {
          body.close();
        } catch (IOException ignored) {
          // Closing is how the blocked read is ended; the read reports the failure.
        }
      }
    }, period, period, TimeUnit.MILLISECONDS);
    try {
      copy(body, to, maxBytes, digest, shown, progress);
    } catch (IOException e) {
      if (cutOff.get() != null) {
        throw unavailable(shown, "the download " + cutOff.get(), null);
      }
      throw e;
    } finally {
      check.cancel(false);
    }
    if (cutOff.get() != null) {
      throw unavailable(shown, "the download " + cutOff.get(), null);
    }
  }

  private static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }

  private static void copy(InputStream body, Path to, long maxBytes, MessageDigest digest, String shown,
      AtomicLong progress) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    try (OutputStream out = Files.newOutputStream(to)) {
      while (true) {
        int n;
        try {
          n = body.read(buffer);
        } catch (IOException e) {
          // Said plainly: the JDK's own message for a server that hangs up mid-body is `closed`.
          throw new IOException("the connection closed before the whole response arrived (after " + total
              + " bytes): " + MpException.describe(e), e);
        }
        if (n <= 0) {
          break;
        }
        total += n;
        if (total > maxBytes) {
          throw new MpException(ErrorCode.UNSAFE_PACKAGE,
              "refused archive `" + shown + "`: larger than " + (maxBytes >> 20) + " MiB",
              "the package is unsafe to install; nothing was installed");
        }
        progress.set(System.nanoTime());
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
