package dev.mp.config;

import java.util.Optional;

/**
 * How mp authenticates to a registry: {@code none}, {@code token:ENV_VAR} (a Bearer token read from
 * the environment) or {@code oidc:PROVIDER}. The spec names where a secret comes from; it never holds
 * the secret, so it is safe to print and store.
 */
public sealed interface AuthSpec permits AuthSpec.None, AuthSpec.Token, AuthSpec.Oidc {
  /**
   * True for an environment variable name, {@code [A-Za-z_][A-Za-z0-9_]*}. Checked by hand: a
   * pattern constant here was compiled by every run that reads the registries.
   */
  static boolean isEnvVar(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || i > 0 && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** The spelling in {@code registries.json}. */
  String wire();

  /** {@code none}, {@code token} or {@code oidc}. */
  String method();

  /** No authentication. */
  record None() implements AuthSpec {
    @Override
    public String wire() {
      return "none";
    }

    @Override
    public String method() {
      return "none";
    }
  }

  /** A Bearer token from the environment variable {@code variable}. */
  record Token(String variable) implements AuthSpec {
    @Override
    public String wire() {
      return "token:" + variable;
    }

    @Override
    public String method() {
      return "token";
    }
  }

  /**
   * An OIDC token: {@code github-actions}, {@code env:VAR}, or an issuer URL (client credentials).
   */
  record Oidc(String provider) implements AuthSpec {
    @Override
    public String wire() {
      return "oidc:" + provider;
    }

    @Override
    public String method() {
      return "oidc";
    }
  }

  AuthSpec NONE = new None();

  /**
   * Parses a spec; empty when it is not one of the accepted forms.
   */
  static Optional<AuthSpec> parse(String text) {
    if (text == null || text.equals("none")) {
      return Optional.of(NONE);
    }
    if (text.startsWith("token:")) {
      String variable = text.substring("token:".length());
      return isEnvVar(variable) ? Optional.of(new Token(variable)) : Optional.empty();
    }
    if (text.startsWith("oidc:")) {
      String provider = text.substring("oidc:".length());
      boolean valid =
          provider.equals("github-actions")
              || (provider.startsWith("env:") && isEnvVar(provider.substring(4)))
              || isIssuer(provider);
      return valid ? Optional.of(new Oidc(provider)) : Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * An issuer URL: {@code https://HOST...}, or plain {@code http://} to a loopback host only
   * ({@code 127.0.0.1}, {@code [::1]}, {@code localhost}), which never leaves the machine; never with
   * credentials in it.
   */
  private static boolean isIssuer(String provider) {
    if (dev.mp.io.SafeUrl.hasUserInfo(provider)) {
      return false;
    }
    try {
      java.net.URI uri = new java.net.URI(provider);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme();
      String host = uri.getHost();
      if (host == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        return false;
      }
      return scheme.equals("https") || (scheme.equals("http") && isLoopbackHost(host));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /**
   * Loopback hosts spelled out ({@code localhost} in any ASCII case, {@code 127.N.N.N} with one to
   * three digits each, {@code [::1]}): no name is resolved to decide whether plain http is acceptable.
   */
  static boolean isLoopbackHost(String host) {
    if (host.length() == 9 && host.regionMatches(true, 0, "localhost", 0, 9) && isAscii(host)) {
      return true;
    }
    if (host.equals("[::1]")) {
      return true;
    }
    if (!host.startsWith("127")) {
      return false;
    }
    int i = 3;
    for (int group = 0; group < 3; group++) {
      if (i == host.length() || host.charAt(i) != '.') {
        return false;
      }
      int start = ++i;
      while (i < host.length() && i - start < 3 && host.charAt(i) >= '0' && host.charAt(i) <= '9') {
        i++;
      }
      if (i == start) {
        return false;
      }
    }
    return i == host.length();
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7F) {
        return false;
      }
    }
    return true;
  }

  /** The forms accepted, for hints. */
  static String forms() {
    return "`none`, `token:ENV_VAR`, `oidc:github-actions`, `oidc:env:ENV_VAR` or `oidc:https://issuer`"
        + " (`oidc:http://` only for 127.0.0.1, [::1] or localhost)";
  }
}
