package dev.mp.resolve;

import dev.mp.registry.PackageSource;

/**
 * What one registry offers for a plugin: the release it would give under the plugin's constraints,
 * or its latest release when none satisfies them.
 *
 * @param registry the registry's name
 * @param priority the registry's priority
 * @param version the release's version
 * @param integrity the release's integrity, or null when the registry does not give one
 * @param source where the release's package is
 * @param satisfies true when the release satisfies every constraint on the plugin (and any registry pin)
 */
public record Offer(String registry, int priority, String version, String integrity, PackageSource source,
    boolean satisfies) {
  /** {@code 1.2.0, sha512-...} or {@code 1.2.0, integrity unknown}. */
  public String describe() {
    return version + ", " + (integrity == null ? "integrity unknown" : integrity);
  }
}
