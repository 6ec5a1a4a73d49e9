package dev.mp.registry;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * What one registry offers, however it was read (folder, marketplace, index file or URL, cache).
 * Lookups by name must cost time proportional to the names asked for, not to the size of the index
 * (DESIGN.md §9). Implementations are thread-safe for reading.
 */
public interface RegistryIndex {
  /** The plugin called {@code name}, if this registry offers it. */
  Optional<PluginEntry> find(String name);

  /** Every plugin, sorted by name (for search and listings; may read the whole index). */
  Stream<PluginEntry> entries();

  /** How many plugins the registry offers. */
  int size();
}
