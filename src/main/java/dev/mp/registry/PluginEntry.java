package dev.mp.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A plugin as one registry offers it: its name, description, trust score and every release.
 *
 * @param name the plugin name
 * @param description one line for people, or null
 * @param trustScore the registry's trust score (0-100), or null when it gives none
 * @param releases every release, latest (the index's top-level fields) first; never empty
 */
public record PluginEntry(String name, String description, Integer trustScore, List<Release> releases) {
  public PluginEntry {
    Objects.requireNonNull(name);
    releases = List.copyOf(releases);
    if (releases.isEmpty()) {
      throw new IllegalArgumentException("plugin `" + name + "` has no release");
    }
  }

  /** The release the index lists as current (its top-level fields). */
  public Release latest() {
    return releases.get(0);
  }

  public Optional<Release> release(String version) {
    return releases.stream().filter(r -> r.version().equals(version)).findFirst();
  }
}
