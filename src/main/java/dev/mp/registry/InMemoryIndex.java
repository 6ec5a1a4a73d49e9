package dev.mp.registry;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A registry index held in memory: for small sources (folders, marketplaces) and for tests. */
public final class InMemoryIndex implements RegistryIndex {
  private final Map<String, PluginEntry> entries;

  public InMemoryIndex(Collection<PluginEntry> plugins) {
    TreeMap<String, PluginEntry> byName = new TreeMap<>();
    for (PluginEntry plugin : plugins) {
      byName.putIfAbsent(plugin.name(), plugin);
    }
    this.entries = java.util.Collections.unmodifiableMap(byName);
  }

  @Override
  public Optional<PluginEntry> find(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  @Override
  public Stream<PluginEntry> entries() {
    return entries.values().stream();
  }

  @Override
  public int size() {
    return entries.size();
  }
}
