package dev.mp.install;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What mp has installed in a project: the plugins and the {@code requested} map they were installed
 * for. Kept in {@code <install folder>/.mp-state.json} (outside every plugin folder), written in the
 * same atomic swap as the plugins, so {@code lock generate} can work from the installed state as npm
 * does from {@code node_modules/.package-lock.json}. Immutable.
 *
 * @param requested plugin name → range the user asked for
 * @param plugins every installed plugin, dependencies included
 */
public record InstalledState(SortedMap<String, String> requested, SortedMap<String, InstalledPlugin> plugins) {
  public InstalledState {
    requested = Collections.unmodifiableSortedMap(new TreeMap<>(requested));
    plugins = Collections.unmodifiableSortedMap(new TreeMap<>(plugins));
  }

  public static InstalledState empty() {
    return new InstalledState(new TreeMap<>(), new TreeMap<>());
  }

  /**
   * The plugins {@code requested} needs, directly or through dependencies (names not installed are
   * ignored). Everything else is extraneous.
   */
  public Set<String> needed() {
    Set<String> needed = new TreeSet<>();
    Deque<String> pending = new ArrayDeque<>(requested.keySet());
    while (!pending.isEmpty()) {
      String name = pending.pop();
      InstalledPlugin plugin = plugins.get(name);
      if (plugin != null && needed.add(name)) {
        pending.addAll(plugin.dependencies());
      }
    }
    return needed;
  }

  /** This state without the plugins nothing requested needs. */
  public InstalledState pruned() {
    Set<String> needed = needed();
    TreeMap<String, InstalledPlugin> kept = new TreeMap<>(plugins);
    kept.keySet().retainAll(needed);
    return new InstalledState(requested, kept);
  }

  public InstalledState withPlugins(Map<String, InstalledPlugin> value) {
    return new InstalledState(requested, new TreeMap<>(value));
  }

  public InstalledState withRequested(Map<String, String> value) {
    return new InstalledState(new TreeMap<>(value), plugins);
  }

  /** Registry name → location of every registry an installed plugin came from. */
  public SortedMap<String, String> registries() {
    TreeMap<String, String> registries = new TreeMap<>();
    plugins.values().forEach(p -> registries.put(p.registry(), p.registryLocation()));
    return registries;
  }
}
