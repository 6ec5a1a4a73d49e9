package dev.mp.bench;

import dev.mp.Context;
import dev.mp.Reporter;
import dev.mp.Terminal;
import dev.mp.config.ConflictStrategy;
import dev.mp.config.RegistrySpec;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.InMemoryIndex;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.RegistrySet;
import dev.mp.registry.Release;
import dev.mp.resolve.RegistryResolver;
import dev.mp.resolve.Resolution;
import dev.mp.resolve.ResolveRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Resolver benchmark (not a test): builds synthetic federations in memory and times
 * {@link RegistryResolver#resolve} alone. Run through {@code bench/resolve/run.sh}.
 *
 * <p>Workloads: {@code small} = 5 registries x 20,000 entries, 2,000 requested; {@code large} = 10 x
 * 100,000, 5,000 requested. Registry {@code i} holds a window of a universe of names that overlaps
 * its neighbours (each name is in about two registries); overlapping entries are mirrors (same
 * integrity) except about 1% forks (different integrity, so conflicts, settled by priority and
 * audited). Each entry has 1-3 releases; releases depend on 0-2 names further up the universe (so
 * the graph has no cycle), with {@code ^1}, {@code *} or {@code >=1.0.0}.
 *
 * <p>Options after the workload and the number of warm runs: {@code explain} (build the trace),
 * {@code hash} (index by hash instead of {@code InMemoryIndex}'s tree, as a hashed cache would).
 *
 * <p>Prints the first (cold) resolution, then the median of the warm ones, each as wall time and as
 * the thread's CPU time (steadier on a shared machine).
 */
public final class ResolveBench {
  private static final String[] VERSIONS = {"1.0.0", "1.1.0", "1.2.3", "2.0.0"};
  private static final String[] RANGES = {"^1", "*", ">=1.0.0"};

  private ResolveBench() {}

  public static void main(String[] args) throws Exception {
    String workload = args.length > 0 ? args[0] : "small";
    int warmRuns = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<String> options = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
    boolean explain = options.contains("explain");
    boolean hashed = options.contains("hash");
    int registries = workload.equals("large") ? 10 : 5;
    int entries = workload.equals("large") ? 100_000 : 20_000;
    int requested = workload.equals("large") ? 5_000 : 2_000;

    long buildStart = System.nanoTime();
    int step = entries / 2;
    int universe = step * (registries - 1) + entries;
    List<LoadedRegistry> loaded = new ArrayList<>(registries);
    for (int r = 0; r < registries; r++) {
      loaded.add(registry(r, registries, r * step, entries, universe, hashed));
    }
    RegistrySet set = new RegistrySet(loaded);
    long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;

    SplittableRandom random = new SplittableRandom(42);
    List<String> specs = new ArrayList<>(requested);
    for (int i = 0; i < requested; i++) {
      String name = name(random.nextInt(universe));
      specs.add(random.nextInt(10) < 7 ? name : name + "@^1");
    }
    Path project = Files.createTempDirectory("mp-bench");
    Context context = new Context(project, project.resolve("cache"), true, Clock.systemUTC(), Map.of(), Reporter.SILENT,
        Terminal.NONE);
    // The command line has parsed registries.json with Jackson before it resolves; load it here too, so
    // the cold figure does not charge the audit trail's first JSON line with Jackson's class loading.
    dev.mp.io.CanonicalJson.compact(dev.mp.io.Json.object().put("warm", true), false);
    ResolveRequest request = ResolveRequest.of(specs).withStrategy(ConflictStrategy.HIGHEST_PRIORITY).withExplain(explain);

    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    long startCpu = threads.getCurrentThreadCpuTime();
    Resolution first = new RegistryResolver(set, context).resolve(request);
    double cold = (System.nanoTime() - start) / 1e6;
    double coldCpu = (threads.getCurrentThreadCpuTime() - startCpu) / 1e6;
    double[] warm = new double[warmRuns];
    double[] warmCpu = new double[warmRuns];
    for (int i = 0; i < warmRuns; i++) {
      long t = System.nanoTime();
      long c = threads.getCurrentThreadCpuTime();
      new RegistryResolver(set, context).resolve(request.withAudit(false));
      warm[i] = (System.nanoTime() - t) / 1e6;
      warmCpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
    }
    Arrays.sort(warm);
    Arrays.sort(warmCpu);
    Runtime runtime = Runtime.getRuntime();
    System.out.printf(java.util.Locale.ROOT,
        "%s: %d registries x %,d entries%s, %,d requested -> %,d resolved, %,d conflicts%s%n"
            + "  build %,d ms | resolve cold %.1f ms (cpu %.1f ms) | warm median %.1f ms (cpu %.1f ms, %d runs)"
            + " | heap in use %,d MB%n",
        workload, registries, entries, hashed ? " (hashed index)" : "", requested, first.plugins().size(), first.conflicts().size(),
        explain ? " (with --explain trace)" : "", buildMillis, cold, coldCpu,
        warmRuns == 0 ? Double.NaN : warm[warmRuns / 2], warmRuns == 0 ? Double.NaN : warmCpu[warmRuns / 2], warmRuns,
        (runtime.totalMemory() - runtime.freeMemory()) >> 20);
  }

  private static LoadedRegistry registry(int r, int count, int from, int size, int universe, boolean hashed) {
    String registry = "registry-" + r;
    List<PluginEntry> plugins = new ArrayList<>(size);
    for (int n = from; n < from + size; n++) {
      SplittableRandom random = new SplittableRandom(n * 31L + 7);
      boolean fork = (n + r) % 97 == 0;
      int releases = 1 + random.nextInt(3);
      List<Release> list = new ArrayList<>(releases);
      for (int v = releases - 1; v >= 0; v--) {
        String version = v == 0 ? VERSIONS[0] : VERSIONS[v + random.nextInt(VERSIONS.length - v)];
        if (v > 0 && list.stream().anyMatch(existing -> existing.version().equals(version))) {
          continue;
        }
        list.add(release(n, version, fork ? registry : "", dependencies(random, n, universe)));
      }
      plugins.add(new PluginEntry(name(n), null, 50 + (n % 50), list));
    }
    return LoadedRegistry.fresh(RegistrySpec.of(registry, "https://" + registry + ".example/index.json", 100 - r * (100 / count)),
        hashed ? new HashedIndex(plugins) : new InMemoryIndex(plugins));
  }

  /** An index answering by hash, like a hashed on-disk cache would, to separate resolver cost from TreeMap lookups. */
  private static final class HashedIndex implements dev.mp.registry.RegistryIndex {
    private final java.util.HashMap<String, PluginEntry> byName = new java.util.HashMap<>();
    private final InMemoryIndex sorted;

    HashedIndex(List<PluginEntry> plugins) {
      plugins.forEach(plugin -> byName.putIfAbsent(plugin.name(), plugin));
      sorted = new InMemoryIndex(plugins);
    }

    @Override
    public java.util.Optional<PluginEntry> find(String name) {
      return java.util.Optional.ofNullable(byName.get(name));
    }

    @Override
    public java.util.stream.Stream<PluginEntry> entries() {
      return sorted.entries();
    }

    @Override
    public int size() {
      return byName.size();
    }
  }

  private static Release release(int n, String version, String fork, List<DependencySpec> dependencies) {
    String integrity = "sha512-" + Base64.getEncoder().encodeToString(
        Arrays.copyOf((n + "@" + version + fork).getBytes(StandardCharsets.UTF_8), 64));
    return new Release(version, integrity, null,
        new PackageSource.Archive("https://cdn.example/" + name(n) + "-" + version + ".tgz"), dependencies, false, null);
  }

  private static List<DependencySpec> dependencies(SplittableRandom random, int n, int universe) {
    int roll = random.nextInt(100);
    int count = roll < 50 ? 0 : roll < 85 ? 1 : 2;
    List<DependencySpec> dependencies = new ArrayList<>(count);
    for (int i = 0; i < count && n + 1 < universe; i++) {
      int target = Math.min(universe - 1, n + 1 + random.nextInt(500));
      dependencies.add(new DependencySpec(name(target), RANGES[random.nextInt(RANGES.length)], null));
    }
    return dependencies;
  }

  private static String name(int n) {
    return String.format(java.util.Locale.ROOT, "plugin-%06d", n);
  }
}
