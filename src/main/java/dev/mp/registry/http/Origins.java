package dev.mp.registry.http;

import java.net.URI;
import java.util.Locale;

/** The origin of a URL (scheme, host, port), the boundary credentials never cross. */
final class Origins {
  private Origins() {}

  static String of(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    if (port < 0) {
      port = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    }
    return scheme + "://" + host + ":" + port;
  }

  /** {@code host:port} for messages. */
  static String hostPort(URI uri) {
    return uri.getPort() < 0 ? String.valueOf(uri.getHost()) : uri.getHost() + ":" + uri.getPort();
  }
}
