package dev.mp.policy;

import java.util.Objects;

/**
 * One entry of a policy's {@code extends}: an organisation policy to inherit.
 *
 * @param location {@code https://host/path.yaml} (or {@code http://} for a loopback or local host), or
 *     {@code registry:NAME/path} — a file beside a configured registry, fetched with its credentials and,
 *     when it lists {@code keys}, signed
 * @param line where it is written (0 when unknown)
 */
public record PolicyReference(String location, int line) {
  public PolicyReference {
    Objects.requireNonNull(location);
  }

  /** The registry a {@code registry:NAME/path} reference names, or null for a URL. */
  public String registry() {
    if (!location.startsWith("registry:")) {
      return null;
    }
    String rest = location.substring("registry:".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /** The path of a {@code registry:NAME/path} reference, relative to the registry's location, or null. */
  public String path() {
    if (!location.startsWith("registry:")) {
      return null;
    }
    int slash = location.indexOf('/');
    return slash < 0 ? null : location.substring(slash + 1);
  }
}
