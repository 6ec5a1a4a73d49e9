package dev.mp.io;

import java.net.URI;
import java.util.Locale;

/**
 * Which URLs mp downloads packages from when a registry names them in a source object ({@code archive}
 * and {@code npm} sources): {@code https://}, as Claude Code requires, or {@code http://} to a loopback
 * address (a mirror on the same machine, tests); never a URL with credentials in it, never a
 * link-local or cloud-metadata host (which Claude Code refuses too). Stateless.
 */
public final class DownloadUrls {
  private DownloadUrls() {}

  /** Why {@code url} is refused, or null when it may be downloaded. */
  public static String problem(String url) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      return "`" + SafeUrl.redact(url) + "` is not a valid URL";
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!SafeUrl.isHttp(url.trim()) || host.isEmpty()) {
      return "`" + SafeUrl.redact(url) + "` is not an `https://` URL";
    }
    if (SafeUrl.hasUserInfo(url)) {
      return "`" + SafeUrl.redact(url) + "` embeds credentials";
    }
    if ("http".equalsIgnoreCase(uri.getScheme()) && !isLoopback(host)) {
      return "`" + SafeUrl.redact(url) + "` uses plain `http://`, accepted only for a loopback address; use `https://`";
    }
    if (host.startsWith("169.254.") || host.startsWith("[fe80:") || host.equals("metadata.google.internal")) {
      return "`" + SafeUrl.redact(url) + "` points at a link-local or cloud-metadata host";
    }
    return null;
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }
}
