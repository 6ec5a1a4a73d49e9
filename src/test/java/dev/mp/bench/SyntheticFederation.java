package dev.mp.bench;

import dev.mp.registry.DependencySpec;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.Release;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The synthetic federation the resolver benchmarks use, in memory ({@link ResolveBench}) and written
 * as index files ({@link FederationGenerator}): the same entries either way, deterministic.
 *
 * <p>Registry {@code r} of {@code count} holds a window of {@code size} names starting at {@code
 * r * size / 2} of a universe of names, so each name is in about two registries; overlapping entries
 * are mirrors (same integrity) except about 1% forks (different integrity, so conflicts, settled by
 * priority and audited). Each entry has 1-3 releases; releases depend on 0-2 names further up the
 * universe (so the graph has no cycle), with {@code ^1}, {@code *} or {@code >=1.0.0}.
 */
public final class SyntheticFederation {
  private static final String[] VERSIONS = {"1.0.0", "1.1.0", "1.2.3", "2.0.0"};
  private static final String[] RANGES = {"^1", "*", ">=1.0.0"};

  private final int registries;
  private final int entries;

  public SyntheticFederation(int registries, int entries) {
    this.registries = registries;
    this.entries = entries;
  }

  /** {@code small}: 5 x 20,000; {@code large}: 10 x 100,000. */
  public static SyntheticFederation of(String workload) {
    return workload.equals("large") ? new SyntheticFederation(10, 100_000) : new SyntheticFederation(5, 20_000);
  }

  /** How many plugins the workload requests: 2,000 ({@code small}) or 5,000 ({@code large}). */
  public static int requestedCount(String workload) {
    return workload.equals("large") ? 5_000 : 2_000;
  }

  public int registries() {
    return registries;
  }

  public int entriesPerRegistry() {
    return entries;
  }

  public String registryName(int r) {
    return "registry-" + r;
  }

  public int priority(int r) {
    return 100 - r * (100 / registries);
  }

  private int step() {
    return entries / 2;
  }

  private int universe() {
    return step() * (registries - 1) + entries;
  }

  /** The entries of registry {@code r}, in name order. */
  public List<PluginEntry> entries(int r) {
    int from = r * step();
    List<PluginEntry> plugins = new ArrayList<>(entries);
    for (int n = from; n < from + entries; n++) {
      plugins.add(entry(r, n));
    }
    return plugins;
  }

  private PluginEntry entry(int r, int n) {
    SplittableRandom random = new SplittableRandom(n * 31L + 7);
    boolean fork = (n + r) % 97 == 0;
    int releases = 1 + random.nextInt(3);
    List<Release> list = new ArrayList<>(releases);
    for (int v = releases - 1; v >= 0; v--) {
      String version = v == 0 ? VERSIONS[0] : VERSIONS[v + random.nextInt(VERSIONS.length - v)];
      if (v > 0 && list.stream().anyMatch(existing -> existing.version().equals(version))) {
        continue;
      }
      list.add(release(n, version, fork ? registryName(r) : "", dependencies(random, n)));
    }
    return new PluginEntry(name(n), null, 50 + (n % 50), list);
  }

  /**
   * {@code count} different plugins to request, seven in ten by bare name and the rest with {@code
   * @^1}, in a random order.
   */
  public List<String> requested(int count) {
    SplittableRandom random = new SplittableRandom(42);
    Set<String> names = new LinkedHashSet<>();
    List<String> specs = new ArrayList<>(count);
    while (specs.size() < count) {
      String name = name(random.nextInt(universe()));
      if (names.add(name)) {
        specs.add(random.nextInt(10) < 7 ? name : name + "@^1");
      }
    }
    return specs;
  }

  private static Release release(int n, String version, String fork, List<DependencySpec> dependencies) {
    String integrity = "sha512-" + Base64.getEncoder().encodeToString(
        Arrays.copyOf((n + "@" + version + fork).getBytes(StandardCharsets.UTF_8), 64));
    return new Release(version, integrity, null,
        new PackageSource.Archive("https://cdn.example/" + name(n) + "-" + version + ".tgz"), dependencies, false, null);
  }

  private List<DependencySpec> dependencies(SplittableRandom random, int n) {
    int roll = random.nextInt(100);
    int count = roll < 50 ? 0 : roll < 85 ? 1 : 2;
    List<DependencySpec> dependencies = new ArrayList<>(count);
    for (int i = 0; i < count && n + 1 < universe(); i++) {
      int target = Math.min(universe() - 1, n + 1 + random.nextInt(500));
      dependencies.add(new DependencySpec(name(target), RANGES[random.nextInt(RANGES.length)], null));
    }
    return dependencies;
  }

  static String name(int n) {
    return String.format(Locale.ROOT, "plugin-%06d", n);
  }
}
