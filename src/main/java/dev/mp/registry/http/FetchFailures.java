package dev.mp.registry.http;

import dev.mp.MpException;
import dev.mp.io.SafeUrl;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what went wrong in a download into a {@link FetchResult.Failed} with a message for people. */
final class FetchFailures {
  private final HttpSettings settings;

  FetchFailures(HttpSettings settings) {
    this.settings = settings;
  }

  FetchResult failure(URI uri, Throwable cause, boolean answered, long received, boolean authenticated) {
    String where = "`" + Origins.hostPort(uri) + "`";
    FetchResult.Kind kind;
    String message;
    if (cause instanceof DownloadSubscriber.TooLargeException) {
      return tooLarge(uri, authenticated);
    } else if (cause instanceof DownloadSubscriber.StalledException stalled) {
      kind = FetchResult.Kind.TIMEOUT;
      message = stalled.total
          ? "the download from " + where + " took longer than " + describe(settings.totalTimeout()) + " in all"
          : "the download from " + where + " stalled for more than " + describe(settings.readTimeout());
    } else if (cause instanceof HttpConnectTimeoutException) {
      kind = FetchResult.Kind.TIMEOUT;
      message = "timed out after " + describe(settings.connectTimeout()) + " connecting to " + where;
    } else if (cause instanceof HttpTimeoutException) {
      kind = FetchResult.Kind.TIMEOUT;
      message = "no response from " + where + " within " + describe(settings.requestTimeout());
    } else if (answered) {
      kind = FetchResult.Kind.TRUNCATED;
      message = "the connection to " + where + " closed before the whole response arrived (after " + received
          + " bytes)";
    } else if (cause instanceof ConnectException) {
      kind = FetchResult.Kind.UNREACHABLE;
      message = "cannot connect to " + where + ": connection refused";
    } else if (cause instanceof UnknownHostException) {
      kind = FetchResult.Kind.UNREACHABLE;
      message = "cannot resolve host `" + uri.getHost() + "`";
    } else if (cause instanceof NoRouteToHostException) {
      kind = FetchResult.Kind.UNREACHABLE;
      message = "no route to " + where;
    } else {
      kind = FetchResult.Kind.UNREACHABLE;
      message = "cannot fetch from " + where + ": " + MpException.describe(cause);
    }
    return new FetchResult.Failed(kind, null, message, authenticated);
  }

  FetchResult tooLarge(URI uri, boolean authenticated) {
    return new FetchResult.Failed(FetchResult.Kind.TOO_LARGE, 200, "the response from `" + Origins.hostPort(uri)
        + "` is larger than the limit of " + HttpSettings.describeSize(settings.maxBytes()), authenticated);
  }

  String redirectProblem(URI from, URI to, int redirects) {
    String here = "`" + SafeUrl.redact(from.toString()) + "`";
    if (to == null) {
      return "redirect from " + here + " without a valid `Location`";
    }
    String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "redirect from " + here + " to an unsupported location `" + SafeUrl.redact(to.toString()) + "`";
    }
    if ("https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http")) {
      return "refusing the redirect from " + here + " to plain http (`" + SafeUrl.redact(to.toString()) + "`)";
    }
    if (redirects >= settings.maxRedirects()) {
      return "more than " + settings.maxRedirects() + " redirects starting from `" + SafeUrl.redact(from.toString()) + "`";
    }
    return null;
  }

  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
      t = t.getCause();
    }
    // The client wraps some causes once more in a plain IOException with the cause inside.
    if (t instanceof IOException && t.getCause() instanceof IOException
        && (t.getCause() instanceof HttpTimeoutException || t.getCause() instanceof ConnectException
            || t.getCause() instanceof DownloadSubscriber.TooLargeException
            || t.getCause() instanceof DownloadSubscriber.StalledException)) {
      return t.getCause();
    }
    return t;
  }

  static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }

}
