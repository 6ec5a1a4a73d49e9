package dev.mp.registry;

import java.util.Objects;

/**
 * A dependency of a plugin release, in either syntax of DESIGN.md §3: the seed's {@code "beta@^2"}
 * (or {@code "alpha"}) and Claude Code's {@code {"name": "beta", "version": "~2.1.0", "marketplace": "team"}}.
 *
 * @param name the plugin depended on
 * @param range an npm-style range; {@code *} when none was given
 * @param registry the registry it must come from, {@link #SAME_REGISTRY} for the registry of the release that
 *     depends on it, or null for any. Claude Code's {@code marketplace} names a Claude Code marketplace,
 *     not an mp registry: the parsers turn one naming the dependent's own marketplace into {@link
 *     #SAME_REGISTRY} and ignore (with a warning) one naming another
 */
public record DependencySpec(String name, String range, String registry) {
  /** The registry of the depending release (never a registry name, which starts with a letter or digit). */
  public static final String SAME_REGISTRY = "=";

  public DependencySpec {
    Objects.requireNonNull(name);
    String stripped = range == null ? "" : range.strip();
    range = stripped.isEmpty() ? "*" : stripped;
  }

  /** Parses the seed's string form: {@code name} or {@code name@range}. */
  public static DependencySpec parse(String text) {
    String trimmed = text.trim();
    int at = trimmed.indexOf('@', 1);
    return at < 0
        ? new DependencySpec(trimmed, "*", null)
        : new DependencySpec(trimmed.substring(0, at), trimmed.substring(at + 1), null);
  }

  /** The registry this dependency must come from when {@code dependentRegistry} offers the dependent, or null. */
  public String registryFor(String dependentRegistry) {
    return SAME_REGISTRY.equals(registry) ? dependentRegistry : registry;
  }

  /** {@code name@range}, or {@code name} for any version; the registry pin is not part of it. */
  @Override
  public String toString() {
    return range.equals("*") ? name : name + "@" + range;
  }
}
