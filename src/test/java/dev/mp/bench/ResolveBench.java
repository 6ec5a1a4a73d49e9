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
 * <p>Workloads ({@link SyntheticFederation}): {@code small} = 5 registries x 20,000 entries, 2,000
 * requested; {@code large} = 10 x 100,000, 5,000 requested. {@code bench/resolve/whole-process.sh}
 * times the same federations through the real command line.
 *
 * <p>Options after the workload and the number of warm runs: {@code explain} (build the trace),
 * {@code hash} (index by hash instead of {@code InMemoryIndex}'s tree, as a hashed cache would).
 *
 * <p>Prints the first (cold) resolution, then the median of the warm ones, each as wall time and as
 * the thread's CPU time (steadier on a shared machine).
 */
public final class ResolveBench {
  private ResolveBench() {}

  public static void main(String[] args) throws Exception {
    String workload = args.length > 0 ? args[0] : "small";
    int warmRuns = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<String> options = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
    boolean explain = options.contains("explain");
    boolean hashed = options.contains("hash");
    SyntheticFederation federation = SyntheticFederation.of(workload);
    int requested = SyntheticFederation.requestedCount(workload);

    long buildStart = System.nanoTime();
    List<LoadedRegistry> loaded = new ArrayList<>(federation.registries());
    for (int r = 0; r < federation.registries(); r++) {
      List<PluginEntry> plugins = federation.entries(r);
      loaded.add(LoadedRegistry.fresh(
          RegistrySpec.of(federation.registryName(r), "https://" + federation.registryName(r) + ".example/index.json",
              federation.priority(r)),
          hashed ? new HashedIndex(plugins) : new InMemoryIndex(plugins)));
    }
    RegistrySet set = new RegistrySet(loaded);
    long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;
    List<String> specs = federation.requested(requested);
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
        workload, federation.registries(), federation.entriesPerRegistry(), hashed ? " (hashed index)" : "", requested, first.plugins().size(), first.conflicts().size(),
        explain ? " (with --explain trace)" : "", buildMillis, cold, coldCpu,
        warmRuns == 0 ? Double.NaN : warm[warmRuns / 2], warmRuns == 0 ? Double.NaN : warmCpu[warmRuns / 2], warmRuns,
        (runtime.totalMemory() - runtime.freeMemory()) >> 20);
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

}
