package dev.mp.lock;

import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.config.ProjectLayout;
import dev.mp.install.InstalledPlugin;
import dev.mp.install.InstalledState;
import dev.mp.install.Installer;
import dev.mp.integrity.TreeHash;
import dev.mp.registry.PluginNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * LockfileManager: {@code plugin-lock.json} against the installed state — generate it, check the
 * installed plugins for drift, list them. Diffs are {@link LockDiff}; installs that change the lockfile
 * are {@link ProjectInstaller}. Not thread-safe; the caller holds the project lock for {@link #generate}.
 */
public final class LockfileManager {
  private final Context context;
  private final ProjectLayout layout;
  private final Installer installer;

  public LockfileManager(Context context, ProjectLayout layout, Installer installer) {
    this.context = context;
    this.layout = layout;
    this.installer = installer;
  }

  /** The lockfile, when the project has one. @throws MpException {@code LOCKFILE_ERROR}, {@code UNSUPPORTED_LOCK_VERSION} */
  public Optional<Lockfile> load() {
    return LockfileCodec.load(layout.lockfile(), ProjectLayout.LOCKFILE);
  }

  /** The lockfile. @throws MpException {@code LOCKFILE_ERROR} when there is none */
  public Lockfile require() {
    return load().orElseThrow(() -> new MpException(ErrorCode.LOCKFILE_ERROR,
        "no `" + ProjectLayout.LOCKFILE + "` in " + layout.root(),
        "run `mp lock generate` to create it from the installed plugins"));
  }

  /**
   * The lockfile that describes {@code state}: its plugins, {@code requested} and registries; fields
   * of {@code previous} this mp does not know are kept.
   */
  public static Lockfile toLockfile(InstalledState state, Lockfile previous) {
    TreeMap<String, LockedPlugin> plugins = new TreeMap<>();
    state.plugins().forEach((name, p) -> {
      LockedPlugin old = previous.plugins().get(name);
      plugins.put(name, new LockedPlugin(p.version(), p.integrity(), p.registry(), p.resolved(), p.dependencies(),
          p.archiveIntegrity(), p.signed(), p.signedClaim(), p.trustScore(), p.marketplaceEntry(),
          old == null ? Map.of() : old.extra(),
          p.capabilities() != null || old == null || !old.integrity().equals(p.integrity()) ? p.capabilities()
              : old.capabilities()));
    });
    return new Lockfile(LockfileCodec.LOCK_VERSION, state.registries(), state.requested(), plugins, previous.extra());
  }

  /** Writes the lockfile from the installed state (the caller holds the project lock). */
  public LockGenerateResult generate() {
    InstalledState state = withCapabilities(installer.loadState(false));
    Lockfile previous = load().orElse(Lockfile.empty());
    Lockfile lockfile = toLockfile(state, previous);
    boolean written = LockfileCodec.save(layout.lockfile(), lockfile);
    List<String> unmanaged = new ArrayList<>(PluginNames.installedNames(installer.installedFolders(),
        state.plugins().keySet()));
    unmanaged.removeAll(state.plugins().keySet());
    unmanaged.forEach(name -> context.reporter().warn("`" + layout.display(installer.installDir().resolve(name))
        + "` was not installed by mp and is not locked; install it with `mp install " + name + "`"));
    return new LockGenerateResult(layout.lockfile(), written, lockfile.plugins().size(), previous.lockVersion(), unmanaged);
  }

  /**
   * {@code state} with the capabilities of plugins installed by an mp that did not record them read
   * from their folders (a plugin whose folder is gone keeps none).
   */
  private InstalledState withCapabilities(InstalledState state) {
    TreeMap<String, InstalledPlugin> plugins = new TreeMap<>(state.plugins());
    state.plugins().forEach((name, plugin) -> {
      java.nio.file.Path folder = installer.installDir().resolve(PluginNames.folder(name));
      if (plugin.capabilities() == null && java.nio.file.Files.isDirectory(folder)) {
        plugins.put(name, new InstalledPlugin(plugin.version(), plugin.integrity(), plugin.registry(),
            plugin.registryLocation(), plugin.resolved(), plugin.dependencies(), plugin.archiveIntegrity(),
            plugin.signed(), plugin.signedClaim(), plugin.trustScore(), plugin.description(), plugin.files(),
            plugin.marketplaceEntry(), dev.mp.capability.CapabilityDetector.ofFolder(folder, null)));
      }
    });
    return state.withPlugins(plugins);
  }

  /**
   * Compares the installed plugins with the lockfile: versions, integrity, sources, missing and
   * unlocked plugins, and files inside each plugin (hashed in parallel through the stat cache).
   *
   * @throws MpException {@code LOCKFILE_ERROR} when there is no lockfile
   */
  public LockCheckResult check() {
    ExecutorService pool = hashingPool();
    try {
      // The stat cache (20,000 entries for 1,000 plugins) is read while the lockfile and the state are.
      Future<StatCache> cache = pool.submit(() -> StatCache.load(context.cacheDir(), installer.installDir()));
      return check(pool, cache);
    } finally {
      pool.shutdownNow();
    }
  }

  private LockCheckResult check(ExecutorService pool, Future<StatCache> cacheLoading) {
    Lockfile lockfile = require();
    InstalledState state = installer.loadState(false);
    Set<String> known = new TreeSet<>(lockfile.plugins().keySet());
    known.addAll(state.plugins().keySet());
    Set<String> folders = PluginNames.installedNames(installer.installedFolders(), known);
    Set<String> names = new TreeSet<>(lockfile.plugins().keySet());
    names.addAll(folders);
    List<Drift> drifts = new ArrayList<>();
    Map<String, InstalledPlugin> toHash = new LinkedHashMap<>();
    Map<String, String> expected = new LinkedHashMap<>();
    for (String name : names) {
      LockedPlugin locked = lockfile.plugins().get(name);
      InstalledPlugin installed = state.plugins().get(name);
      boolean present = folders.contains(name);
      if (locked != null && !present) {
        drifts.add(new Drift.Missing(name, locked.version()));
      } else if (locked == null) {
        drifts.add(new Drift.Unlocked(name, installed == null ? null : installed.version()));
      } else {
        if (installed != null) {
          if (!installed.version().equals(locked.version())) {
            drifts.add(new Drift.VersionMismatch(name, locked.version(), installed.version()));
          } else if (!installed.integrity().equals(locked.integrity())) {
            drifts.add(new Drift.IntegrityMismatch(name, locked.version(), locked.integrity(), installed.integrity()));
          }
          if (!installed.registry().equals(locked.source()) || !installed.resolved().equals(locked.resolved())) {
            drifts.add(new Drift.SourceMismatch(name, locked.source(), installed.registry(), locked.resolved(),
                installed.resolved()));
          }
        }
        toHash.put(name, installed);
        expected.put(name, installed != null ? installed.integrity() : locked.integrity());
      }
    }
    Set<String> listed = new TreeSet<>(lockfile.plugins().keySet());
    listed.retainAll(folders);
    Map<String, String> installedVersions = new TreeMap<>();
    state.plugins().forEach((name, plugin) -> installedVersions.put(name, plugin.version()));
    drifts.addAll(MarketplaceDrift.check(installer.installDir(), lockfile, listed, installedVersions));
    StatCache cache = await(cacheLoading);
    Map<String, Listing> listings = hashAll(pool, toHash.keySet(), cache);
    cache.save();
    InstalledState withFiles = null;
    for (Map.Entry<String, Listing> listing : listings.entrySet()) {
      String name = listing.getKey();
      if (!listing.getValue().integrity().equals(expected.get(name))) {
        if (withFiles == null) {
          withFiles = installer.loadState(true);
        }
        drifts.add(filesChanged(name, withFiles.plugins().get(name), listing.getValue().entries()));
      }
    }
    drifts.sort(java.util.Comparator.comparing(Drift::plugin).thenComparing(Drift::kind));
    return new LockCheckResult(drifts, lockfile.plugins().size(), cache.hashedFiles(), cache.cachedFiles());
  }

  /** A plugin's canonical listing and the integrity computed from it. */
  private record Listing(List<TreeHash.Entry> entries, String integrity) {}

  /** One thread per processor: walking and hashing plugins is independent work. */
  private static ExecutorService hashingPool() {
    return Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
      Thread thread = new Thread(r, "mp-hash");
      thread.setDaemon(true);
      return thread;
    });
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw MpException.io("interrupted while hashing installed plugins", e);
    }
  }

  private Map<String, Listing> hashAll(ExecutorService pool, Set<String> names, StatCache cache) {
    Map<String, Future<Listing>> futures = new LinkedHashMap<>();
    for (String name : names) {
      String folderName = PluginNames.folder(name);
      Path folder = installer.installDir().resolve(folderName);
      futures.put(name, pool.submit(() -> {
        List<TreeHash.Entry> entries = TreeHash.entries(folder, cache.hasher(folderName));
        return new Listing(entries, TreeHash.of(entries));
      }));
    }
    Map<String, Listing> listings = new LinkedHashMap<>();
    for (Map.Entry<String, Future<Listing>> future : futures.entrySet()) {
      listings.put(future.getKey(), await(future.getValue()));
    }
    return listings;
  }

  private static Drift filesChanged(String name, InstalledPlugin installed, List<TreeHash.Entry> actual) {
    if (installed == null || installed.files().isEmpty()) {
      return new Drift.FilesChanged(name, List.of(), List.of(), List.of());
    }
    Map<String, String> before = new TreeMap<>(TreeHash.BY_UTF8_BYTES);
    for (String line : installed.files()) {
      int pathStart = nthSpace(line, 3) + 1;
      before.put(line.substring(pathStart), line.substring(0, pathStart));
    }
    Map<String, String> after = new TreeMap<>(TreeHash.BY_UTF8_BYTES);
    for (TreeHash.Entry entry : actual) {
      after.put(entry.path(), entry.kind() + " " + entry.mode() + " " + entry.sha256() + " ");
    }
    List<String> changed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    after.forEach((path, line) -> {
      String old = before.get(path);
      if (old == null) {
        added.add(path);
      } else if (!old.equals(line)) {
        changed.add(path);
      }
    });
    before.keySet().stream().filter(path -> !after.containsKey(path)).forEach(removed::add);
    return new Drift.FilesChanged(name, changed, added, removed);
  }

  private static int nthSpace(String line, int n) {
    int at = -1;
    for (int i = 0; i < n; i++) {
      at = line.indexOf(' ', at + 1);
    }
    return at;
  }

  /** Installed plugins with their lockfile status; reads no plugin content. */
  public ListResult list() {
    return list(false);
  }

  /**
   * Installed plugins with their lockfile status and, with {@code withCapabilities}, what each can do:
   * as recorded at install, else as the lockfile records it, else read from its folder.
   */
  public ListResult list(boolean withCapabilities) {
    Optional<Lockfile> lockfile = load();
    InstalledState state = installer.loadState(false);
    Set<String> known = new TreeSet<>(state.plugins().keySet());
    lockfile.ifPresent(l -> known.addAll(l.plugins().keySet()));
    Set<String> folders = PluginNames.installedNames(installer.installedFolders(), known);
    Set<String> names = new TreeSet<>(folders);
    lockfile.ifPresent(l -> names.addAll(l.plugins().keySet()));
    List<ListResult.Row> rows = new ArrayList<>();
    for (String name : names) {
      InstalledPlugin installed = folders.contains(name) ? state.plugins().get(name) : null;
      LockedPlugin locked = lockfile.map(l -> l.plugins().get(name)).orElse(null);
      ListResult.Row row = ListResult.Row.of(name, folders.contains(name), installed, locked, lockfile.isPresent());
      if (withCapabilities) {
        dev.mp.capability.Capabilities capabilities = installed != null ? installed.capabilities() : null;
        if (capabilities == null && locked != null) {
          capabilities = locked.capabilities();
        }
        if (capabilities == null && folders.contains(name)) {
          capabilities = dev.mp.capability.CapabilityDetector.ofFolder(installer.installDir().resolve(PluginNames.folder(name)), null);
        }
        row = row.withCapabilities(capabilities);
      }
      rows.add(row);
    }
    return new ListResult(lockfile.isPresent(), rows);
  }
}
