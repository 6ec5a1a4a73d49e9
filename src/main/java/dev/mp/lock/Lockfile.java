package dev.mp.lock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The content of {@code plugin-lock.json} (lockVersion 2, DESIGN.md §2). Immutable; every map is
 * sorted, so the bytes written never depend on the order things were installed in.
 *
 * @param lockVersion the version the file was read as (1 or 2); always written as {@link LockfileCodec#LOCK_VERSION}
 * @param registries registry name → location (never with credentials) of every registry a locked plugin came from
 * @param requested what the user asked for: plugin name → range ({@code *} for any)
 * @param plugins every installed plugin, dependencies included
 * @param extra top-level fields this mp does not know, kept
 */
public record Lockfile(
    int lockVersion,
    SortedMap<String, String> registries,
    SortedMap<String, String> requested,
    SortedMap<String, LockedPlugin> plugins,
    Map<String, JsonNode> extra) {
  public Lockfile {
    registries = Collections.unmodifiableSortedMap(new TreeMap<>(registries));
    requested = Collections.unmodifiableSortedMap(new TreeMap<>(requested));
    plugins = Collections.unmodifiableSortedMap(new TreeMap<>(plugins));
    extra = Collections.unmodifiableMap(new TreeMap<>(extra));
  }

  public static Lockfile empty() {
    return new Lockfile(LockfileCodec.LOCK_VERSION, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), Map.of());
  }

  /** The plugins nothing else in the lockfile depends on (what a v1 file's user most likely asked for). */
  public Set<String> roots() {
    Set<String> depended = new HashSet<>();
    plugins.values().forEach(p -> depended.addAll(p.dependencies()));
    Set<String> roots = new java.util.TreeSet<>(plugins.keySet());
    roots.removeAll(depended);
    return roots;
  }

  public Lockfile withPlugins(Map<String, LockedPlugin> value) {
    return new Lockfile(lockVersion, registries, requested, new TreeMap<>(value), extra);
  }

  public Lockfile withRequested(Map<String, String> value) {
    return new Lockfile(lockVersion, registries, new TreeMap<>(value), plugins, extra);
  }

  public Lockfile withRegistries(Map<String, String> value) {
    return new Lockfile(lockVersion, new TreeMap<>(value), requested, plugins, extra);
  }
}
