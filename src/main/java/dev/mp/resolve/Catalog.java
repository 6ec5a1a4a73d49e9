package dev.mp.resolve;

import dev.mp.MpException;
import dev.mp.config.RegistrySpec;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.Release;
import dev.mp.registry.VersionTags;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The registries of one resolution and everything looked up in them, each looked up once: entries
 * by plugin name ({@code RegistryIndex.find}, never a scan), parsed versions and ranges. Lookups cost
 * what the requested set costs, not what the indexes hold. A git-sourced entry asked for with a range
 * other than {@code *} also offers its {@code <name>--v<version>} tags ({@link VersionTags}), listed
 * once. Not thread-safe; one per resolution.
 */
final class Catalog {
  private static final Candidate[] NONE = new Candidate[0];
  private static final java.util.Comparator<LoadedRegistry> BY_PRIORITY_THEN_NAME = new java.util.Comparator<>() {
    @Override
    public int compare(LoadedRegistry a, LoadedRegistry b) {
      return RegistrySpec.BY_PRIORITY_THEN_NAME.compare(a.spec(), b.spec());
    }
  };

  /** Every enabled registry in the order consulted, available or not. */
  final List<LoadedRegistry> consulted;
  /** The available ones, in the order consulted; positions index the arrays below. */
  final LoadedRegistry[] available;
  /** For each registry of {@link #consulted}, its position in {@link #available}, or -1. */
  final int[] positionOfConsulted;
  private final Map<String, Integer> positions = new HashMap<>();
  private final Map<String, LoadedRegistry> byName = new HashMap<>();
  private final Map<String, Offerings> offerings = new HashMap<>();
  private final Map<String, Version> versions = new HashMap<>();
  private final Map<String, Object> ranges = new HashMap<>();
  private final VersionTags tags;
  /** Why tags could not be listed, sorted, for the resolution's warnings. */
  final TreeSet<String> tagProblems = new TreeSet<>();

  /** plugin → the version the lockfile pins it at (a yanked release it names stays eligible). */
  private final Map<String, String> lockedVersions;
  /** plugin → the registry the lockfile took it from. */
  private final Map<String, String> lockedSources;

  Catalog(List<LoadedRegistry> registries) {
    this(registries, VersionTags.NONE, Map.of(), Map.of());
  }

  Catalog(List<LoadedRegistry> registries, VersionTags tags, Map<String, String> lockedVersions,
      Map<String, String> lockedSources) {
    this.tags = tags;
    this.lockedVersions = lockedVersions;
    this.lockedSources = lockedSources;
    List<LoadedRegistry> sorted = new ArrayList<>(registries);
    sorted.sort(BY_PRIORITY_THEN_NAME);
    this.consulted = List.copyOf(sorted);
    List<LoadedRegistry> up = new ArrayList<>();
    for (LoadedRegistry registry : sorted) {
      if (byName.put(registry.name(), registry) != null) {
        throw new IllegalArgumentException("two registries are named `" + registry.name() + "`");
      }
      if (registry.available()) {
        positions.put(registry.name(), up.size());
        up.add(registry);
      }
    }
    this.available = up.toArray(new LoadedRegistry[0]);
    this.positionOfConsulted = new int[consulted.size()];
    for (int i = 0; i < positionOfConsulted.length; i++) {
      positionOfConsulted[i] = position(consulted.get(i).name());
    }
  }

  /** The position of an available registry, or -1. */
  int position(String registry) {
    Integer position = positions.get(registry);
    return position == null ? -1 : position;
  }

  /** The enabled registry of that name, available or not, or null. */
  LoadedRegistry registry(String name) {
    return byName.get(name);
  }

  Offerings offerings(String plugin) {
    Offerings found = offerings.get(plugin);
    if (found == null) {
      PluginEntry[] entries = new PluginEntry[available.length];
      for (int r = 0; r < available.length; r++) {
        entries[r] = available[r].index().find(plugin).orElse(null);
      }
      found = new Offerings(plugin, entries);
      offerings.put(plugin, found);
    }
    return found;
  }

  Version version(String text) {
    Version version = versions.get(text);
    if (version == null) {
      version = Version.parse(text);
      versions.put(text, version);
    }
    return version;
  }

  /**
   * The parsed range, or the {@code MpException} that parsing threw (kept, so a bad range in an
   * index costs one parse however often it is met).
   */
  Object range(String text) {
    Object range = ranges.get(text);
    if (range == null) {
      try {
        range = VersionRange.parse(text);
      } catch (dev.mp.MpException invalid) {
        range = invalid;
      }
      ranges.put(text, range);
    }
    return range;
  }

  /** True when the lockfile pins {@code plugin} at {@code version} from {@code registry} (or names no registry). */
  private boolean pinnedByLockfile(String plugin, String registry, String version) {
    String source = lockedSources.get(plugin);
    return version.equals(lockedVersions.get(plugin)) && (source == null || source.equals(registry));
  }

  /** What every available registry has for one plugin name. */
  final class Offerings {
    final String plugin;
    private final PluginEntry[] entries;
    private final Candidate[][] candidates;
    private final boolean[] tagged;

    Offerings(String plugin, PluginEntry[] entries) {
      this.plugin = plugin;
      this.entries = entries;
      this.candidates = new Candidate[entries.length][];
      this.tagged = new boolean[entries.length];
    }

    PluginEntry entry(int registry) {
      return entries[registry];
    }

    boolean offeredAnywhere() {
      for (PluginEntry entry : entries) {
        if (entry != null) {
          return true;
        }
      }
      return false;
    }

    /**
     * Adds the entry's release tags to its candidates when its latest release is a git source (once;
     * later calls of {@link #candidates} include them). A release whose version a tag also has gives
     * way to the tag, which pins a commit. A repository that cannot be asked adds a warning and no tags.
     */
    void addTags(int registry) {
      if (tagged[registry]) {
        return;
      }
      tagged[registry] = true;
      PluginEntry entry = entries[registry];
      if (entry == null || !(entry.latest().source() instanceof PackageSource.Git git)) {
        return;
      }
      List<VersionTags.Tag> found;
      try {
        found = tags.list(plugin, git);
      } catch (MpException e) {
        tagProblems.add("the `" + plugin + "--v*` tags of `" + plugin + "` (registry `" + available[registry].name()
            + "`) could not be listed, so only its listed release was considered: " + e.getMessage());
        return;
      }
      if (found.isEmpty()) {
        return;
      }
      Candidate[] base = candidates(registry);
      List<Candidate> all = new ArrayList<>(base.length + found.size());
      java.util.Set<String> tagVersions = new java.util.HashSet<>();
      String name = available[registry].name();
      Release latest = entry.latest();
      for (VersionTags.Tag tag : found) {
        if (!tagVersions.add(tag.version())) {
          continue;
        }
        Release release = new Release(tag.version(), null, null, new PackageSource.Git(git.url(), tag.ref(), tag.sha(),
            git.subdir(), git.pathDigest()), latest.dependencies(), false, null, latest.details());
        all.add(new Candidate(registry, name, entry, release, version(tag.version()), false));
      }
      for (Candidate candidate : base) {
        if (!tagVersions.contains(candidate.version.text())) {
          all.add(candidate);
        }
      }
      Candidate[] sorted = all.toArray(new Candidate[0]);
      Arrays.sort(sorted, Candidate.BEST_FIRST);
      candidates[registry] = sorted;
    }

    /** Every release of the registry's entry, best first; empty when it does not offer the plugin. */
    Candidate[] candidates(int registry) {
      Candidate[] sorted = candidates[registry];
      if (sorted == null) {
        PluginEntry entry = entries[registry];
        if (entry == null) {
          sorted = NONE;
        } else {
          List<Release> releases = entry.releases();
          sorted = new Candidate[releases.size()];
          String name = available[registry].name();
          for (int i = 0; i < sorted.length; i++) {
            Release release = releases.get(i);
            sorted[i] = new Candidate(registry, name, entry, release, version(release.version()), i == 0,
                !release.yanked() || pinnedByLockfile(plugin, name, release.version()));
          }
          if (sorted.length > 1) {
            Arrays.sort(sorted, Candidate.BEST_FIRST);
          }
        }
        candidates[registry] = sorted;
      }
      return sorted;
    }
  }
}
