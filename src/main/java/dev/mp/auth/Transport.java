package dev.mp.auth;

import dev.mp.MpException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * Where credentials may travel: over {@code https}, or over plain {@code http} only to a loopback
 * address, which never leaves the machine (that is also what lets tests run real servers). Stateless.
 */
public final class Transport {
  private Transport() {}

  /**
   * True for {@code localhost} and loopback IP literals; other names are not resolved just to decide,
   * so a name that happens to resolve to 127.0.0.1 does not count.
   */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Refuses to send credentials to {@code uri} over plain http unless it is a loopback address.
   *
   * @param credentials how the credentials are named ({@code token:TEAM_TOKEN}), never their value
   * @param subject what is being fetched, e.g. {@code registry `team`}
   * @throws MpException {@code CONFIG_ERROR} naming the host and the credentials
   */
  public static void requireSafeForCredentials(URI uri, String credentials, String subject) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      throw MpException.config("refusing to send the credentials of " + subject + " (`" + credentials
              + "`) over plain http to `" + uri.getHost() + "`: anyone on the network could read them",
          "use an https URL for the registry (`mp registry add NAME https://...`); plain http carries"
              + " credentials only to loopback addresses");
    }
  }
}
