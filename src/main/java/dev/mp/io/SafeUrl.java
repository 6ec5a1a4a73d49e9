package dev.mp.io;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * URLs as mp shows and stores them: never with credentials. {@link #redact} hides user-info and the
 * values of query parameters that look like secrets, so a URL can go into a message, a log line, the
 * lockfile or the audit trail.
 */
public final class SafeUrl {
  private static final Set<String> SECRET_PARAMETERS =
      Set.of(
          "token", "access_token", "auth", "authorization", "key", "apikey", "api_key", "password",
          "secret", "sig", "signature", "x-amz-signature", "x-amz-credential", "x-amz-security-token",
          "code", "private_token", "client_secret");

  private SafeUrl() {}

  /** True for {@code http://} and {@code https://} URLs (any case). */
  public static boolean isHttp(String location) {
    String lower = location.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  /** True when the URL carries user-info ({@code https://user:pass@host/}). */
  public static boolean hasUserInfo(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getRawUserInfo() != null) {
        return true;
      }
    } catch (URISyntaxException e) {
      // Fall through to the textual check for URLs the parser refuses.
    }
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return false;
    }
    int end = url.length();
    for (char stop : new char[] {'/', '?', '#'}) {
      int at = url.indexOf(stop, scheme + 3);
      if (at >= 0) {
        end = Math.min(end, at);
      }
    }
    return url.substring(scheme + 3, end).contains("@");
  }

  /** The URL with user-info replaced by {@code ***} and secret-looking query values by {@code ***}. */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    String result = url;
    int scheme = result.indexOf("://");
    if (scheme >= 0) {
      int authorityEnd = result.length();
      for (char stop : new char[] {'/', '?', '#'}) {
        int at = result.indexOf(stop, scheme + 3);
        if (at >= 0) {
          authorityEnd = Math.min(authorityEnd, at);
        }
      }
      String authority = result.substring(scheme + 3, authorityEnd);
      int at = authority.lastIndexOf('@');
      if (at >= 0) {
        result = result.substring(0, scheme + 3) + "***@" + authority.substring(at + 1)
            + result.substring(authorityEnd);
      }
    }
    int query = result.indexOf('?');
    if (query < 0) {
      return result;
    }
    int fragment = result.indexOf('#', query);
    String tail = fragment < 0 ? "" : result.substring(fragment);
    String[] parameters = result.substring(query + 1, fragment < 0 ? result.length() : fragment).split("&", -1);
    StringBuilder out = new StringBuilder(result.substring(0, query + 1));
    for (int i = 0; i < parameters.length; i++) {
      if (i > 0) {
        out.append('&');
      }
      String parameter = parameters[i];
      int equals = parameter.indexOf('=');
      String name = equals < 0 ? parameter : parameter.substring(0, equals);
      if (equals >= 0 && SECRET_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
        out.append(name).append("=***");
      } else {
        out.append(parameter);
      }
    }
    return out.append(tail).toString();
  }
}
