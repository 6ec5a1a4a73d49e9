package dev.mp.publish;

import dev.mp.MpException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The {@code --base-url} of a registry: where its folder is served, ending with {@code /}. */
final class BaseUrl {
  private BaseUrl() {}

  /**
   * The URL with a trailing {@code /}, or null for null.
   *
   * @throws MpException {@code USAGE_ERROR} for anything but an {@code http(s)} URL without credentials,
   *     query or fragment
   */
  static String normalize(String url) {
    if (url == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw invalid(url, "not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw invalid(url, "expected an `https://` (or `http://`) URL");
    }
    if (uri.getHost() == null) {
      throw invalid(url, "no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalid(url, "credentials do not belong in a published URL");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid(url, "a base URL has no query or fragment");
    }
    String text = uri.toString();
    return text.endsWith("/") ? text : text + "/";
  }

  private static MpException invalid(String url, String why) {
    return MpException.usage("`--base-url " + dev.mp.io.SafeUrl.redact(url) + "`: " + why,
        "give the URL the registry folder is served at, e.g. `https://plugins.team.dev/`");
  }
}
