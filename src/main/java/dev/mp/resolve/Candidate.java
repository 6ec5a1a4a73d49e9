package dev.mp.resolve;

import dev.mp.registry.DependencySpec;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.Release;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One release of one registry, as the solver considers it. */
final class Candidate {
  /** Best first: highest precedence, then the entry's latest release, then by text. */
  // Comparators as classes rather than lambdas: no call site to link in every resolution.
  static final Comparator<Candidate> BEST_FIRST = new Comparator<>() {
    @Override
    public int compare(Candidate a, Candidate b) {
      int byPrecedence = b.version.comparePrecedence(a.version);
      if (byPrecedence != 0) {
        return byPrecedence;
      }
      if (a.latest != b.latest) {
        return a.latest ? -1 : 1;
      }
      return a.version.text().compareTo(b.version.text());
    }
  };

  /** By name, then range, then registry (none first). */
  private static final Comparator<DependencySpec> BY_NAME = new Comparator<>() {
    @Override
    public int compare(DependencySpec a, DependencySpec b) {
      int byName = a.name().compareTo(b.name());
      if (byName != 0) {
        return byName;
      }
      int byRange = a.range().compareTo(b.range());
      if (byRange != 0) {
        return byRange;
      }
      return (a.registry() == null ? "" : a.registry()).compareTo(b.registry() == null ? "" : b.registry());
    }
  };

  final int registry;
  final String registryName;
  final PluginEntry entry;
  final Release release;
  final Version version;
  final boolean latest;
  /**
   * False for a yanked release, unless the lockfile pins it: new resolutions never pick a yanked
   * release, a locked one is kept (cargo's semantics).
   */
  final boolean eligible;
  private List<DependencySpec> sortedDependencies;

  Candidate(int registry, String registryName, PluginEntry entry, Release release, Version version, boolean latest) {
    this(registry, registryName, entry, release, version, latest, true);
  }

  Candidate(int registry, String registryName, PluginEntry entry, Release release, Version version, boolean latest,
      boolean eligible) {
    this.registry = registry;
    this.registryName = registryName;
    this.entry = entry;
    this.release = release;
    this.version = version;
    this.latest = latest;
    this.eligible = eligible;
  }

  /** The release's dependencies by name (then range), so the solver's order never follows the index's. */
  List<DependencySpec> dependencies() {
    if (sortedDependencies == null) {
      List<DependencySpec> deps = release.dependencies();
      if (deps.size() <= 1) {
        sortedDependencies = deps;
      } else {
        List<DependencySpec> sorted = new ArrayList<>(deps);
        sorted.sort(BY_NAME);
        sortedDependencies = sorted;
      }
    }
    return sortedDependencies;
  }

  @Override
  public String toString() {
    return entry.name() + "@" + version + " (" + registryName + ")";
  }
}
