package dev.mp.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.integrity.TreeHash;
import dev.mp.io.AtomicFiles;
import dev.mp.registry.ClaudeVersions;
import dev.mp.registry.PackageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Installs plugins into the install folder ({@code .claude/plugins} by default): fetches every package
 * in parallel into a staging folder beside the install folder, verifies each tree against its
 * integrity before anything is placed, then swaps the staged plugins in together with {@code
 * marketplace.json}, {@code .mp-state.json} and the caller's files (the lockfile) through a {@link
 * SwapJournal}. Any failure before the swap — network, integrity, policy, a kill — leaves the previous
 * install and lockfile exactly as they were.
 *
 * <p>Callers hold the project lock ({@code Federation.withProjectLock}) around {@link #recover},
 * {@link #stage} and {@link #commit}. Not thread-safe (it runs its own parallel fetches).
 */
public final class Installer {
  /** Test hook: {@code staged} or {@code committed}, optionally {@code :millis}; pauses there. */
  static final String PAUSE_VARIABLE = "MP_TEST_PAUSE";
  private static final int FETCH_THREADS = 8;

  private final Context context;
  private final Path installDir;
  private final PackageStore store;
  private final ExtractionLimits limits;

  public Installer(Context context, Path installDir, ExtractionLimits limits) {
    this.context = context;
    this.installDir = installDir.toAbsolutePath().normalize();
    this.store = new PackageStore(context.cacheDir());
    this.limits = limits;
  }

  public Path installDir() {
    return installDir;
  }

  public PackageStore store() {
    return store;
  }

  /**
   * The installed state, or empty when nothing was installed by mp.
   *
   * @throws MpException {@code LOCKFILE_ERROR} when the state file is corrupt
   */
  public InstalledState loadState() {
    return loadState(true);
  }

  /** The installed state, with or without the plugins' file listings (see {@link InstalledPlugin#files}). */
  public InstalledState loadState(boolean withFiles) {
    Path file = installDir.resolve(InstalledStateCodec.FILE);
    byte[] bytes = AtomicFiles.readIfExists(file);
    return bytes == null ? InstalledState.empty() : InstalledStateCodec.parse(file.toString(), bytes, withFiles);
  }

  /** True when a killed run left a committed swap to finish. */
  public boolean needsRecovery() {
    return SwapJournal.leftovers(installDir).stream().anyMatch(SwapJournal::isCommit);
  }

  /** Finishes a swap a killed run committed and deletes staging folders it left. */
  public void recover() {
    for (Path leftover : SwapJournal.leftovers(installDir)) {
      if (SwapJournal.isCommit(leftover)) {
        context.reporter().warn("finishing an install that was interrupted after it was committed");
        SwapJournal.rollForward(leftover);
      } else {
        Trees.deleteOrThrow(leftover);
      }
    }
    store.sweep(context.clock().instant());
  }

  /**
   * Fetches and verifies {@code plugins} into a new staging folder, in parallel. On failure the
   * staging folder is deleted and the error of the first failing plugin (by name) is thrown.
   *
   * @throws MpException {@code INTEGRITY_MISMATCH}, {@code UNSAFE_PACKAGE}, {@code PACKAGE_UNAVAILABLE}
   */
  public Staging stage(List<PlannedPlugin> plugins, RegistryAuthorization authorization) {
    Path dir = installDir.resolveSibling("." + installDir.getFileName() + SwapJournal.STAGING + UUID.randomUUID());
    try {
      Files.createDirectories(dir.resolve("plugins"));
    } catch (IOException e) {
      throw MpException.io("failed to create the staging folder `" + dir + "`", e);
    }
    List<PlannedPlugin> sorted = new ArrayList<>(plugins);
    sorted.sort(Comparator.comparing(PlannedPlugin::name));
    Map<String, String> folders = new HashMap<>();
    for (PlannedPlugin plugin : sorted) {
      String other = folders.put(plugin.folder().toLowerCase(java.util.Locale.ROOT), plugin.name());
      if (other != null) {
        Trees.deleteQuietly(dir);
        throw new MpException(ErrorCode.UNSAFE_PACKAGE, "plugins `" + other + "` and `" + plugin.name()
            + "` would share the install folder `" + plugin.folder() + "`; nothing was installed",
            "install one of them at a time, and report the pair: distinct names are meant to get distinct folders");
      }
    }
    Map<String, PackageFetcher> fetchers = fetchers(authorization);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(FETCH_THREADS, sorted.size())), r -> {
      Thread thread = new Thread(r, "mp-fetch");
      thread.setDaemon(true);
      return thread;
    });
    Map<String, Future<StagedPlugin>> futures = new LinkedHashMap<>();
    for (PlannedPlugin plugin : sorted) {
      futures.put(plugin.name(), pool.submit(() -> stageOne(plugin, dir.resolve("plugins").resolve(plugin.folder()), fetchers)));
    }
    TreeMap<String, StagedPlugin> staged = new TreeMap<>();
    RuntimeException failure = null;
    try {
      for (Map.Entry<String, Future<StagedPlugin>> future : futures.entrySet()) {
        try {
          staged.put(future.getKey(), future.getValue().get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = stagingFailure(future.getKey(), dir, e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure = MpException.io("interrupted while fetching", e);
          break;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    if (failure != null) {
      Trees.deleteQuietly(dir);
      throw failure;
    }
    staged.values().forEach(plugin -> DependencyForms.warn(plugin, context.reporter()));
    pause("staged");
    return new Staging(dir, staged);
  }

  /**
   * What staging {@code plugin} failed with, as thrown to the caller: an I/O failure (a full disk,
   * found by bench/faults.sh) is an {@code IO_ERROR} naming the plugin, not an internal error.
   */
  static RuntimeException stagingFailure(String plugin, Path dir, Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof IOException io) {
      return MpException.io("failed to stage `" + plugin + "` in `" + dir + "` (nothing was changed)", io);
    }
    return new IllegalStateException(cause);
  }

  private Map<String, PackageFetcher> fetchers(RegistryAuthorization authorization) {
    Map<String, PackageFetcher> fetchers = new HashMap<>();
    fetchers.put("folder", new FolderPackageFetcher(context.projectDir()));
    fetchers.put("archive", new ArchivePackageFetcher(context.projectDir(), store, new HttpDownloader(),
        authorization, limits, context.offline()));
    fetchers.put("git", new GitPackageFetcher(store, context.env(), context.offline()));
    fetchers.put("npm", new NpmPackageFetcher(store, new HttpDownloader(), authorization, limits, context.offline()));
    return fetchers;
  }

  private StagedPlugin stageOne(PlannedPlugin plugin, Path target, Map<String, PackageFetcher> fetchers) throws IOException {
    PackageSource source = plugin.source();
    if (source instanceof PackageSource.Unsupported unsupported) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
          "`" + plugin.name() + "` from `" + plugin.registry() + "` cannot be installed: " + unsupported.reason(),
          "its source is `" + unsupported.resolved(context.projectDir()) + "`; choose another registry with `--prefer "
              + plugin.name() + "=REGISTRY`, or install it with Claude Code's `/plugin install`");
    }
    Fetched fetched;
    String expected = plugin.integrity();
    List<TreeHash.Entry> entries;
    java.util.Optional<Path> stored = source instanceof PackageSource.Folder || expected == null
        ? java.util.Optional.empty() : store.tree(expected);
    if (source instanceof PackageSource.Folder) {
      fetched = fetchers.get("folder").fetch(plugin, target);
      entries = safeEntries(target, plugin.name());
    } else if (stored.isPresent()) {
      entries = copyChecked(stored.get(), target, plugin.name());
      fetched = new Fetched(source, plugin.archiveIntegrity());
    } else {
      Path work = store.newWorkDir();
      try {
        Path tree = work.resolve("tree");
        fetched = fetchers.get(source.kind()).fetch(plugin, tree);
        String computed = TreeHash.of(safeEntries(tree, plugin.name()));
        verify(plugin, expected, computed);
        expected = computed;
        entries = copyChecked(store.putTree(tree, computed), target, plugin.name());
      } finally {
        Trees.deleteQuietly(work);
      }
    }
    // The listing of what was placed in staging, hashed from the bytes copied there: the store is a
    // cache anyone with the user's rights can edit, so its trees are verified on every use.
    String integrity = TreeHash.of(entries);
    verify(plugin, expected, integrity);
    List<String> lines = entries.stream().map(e -> e.line().substring(0, e.line().length() - 1)).toList();
    JsonNode manifest = manifest(target);
    return new StagedPlugin(plugin, settleVersion(plugin, fetched, text(manifest, "version")), target, integrity,
        fetched.archiveIntegrity(), fetched.source().resolved(context.projectDir()), lines,
        plugin.description() != null ? plugin.description() : text(manifest, "description"));
  }

  /**
   * The version to record, as Claude Code computes it once the package is at hand: its {@code
   * plugin.json}'s, else the planned one, which when unknown before the fetch is the commit (12 hex
   * digits, with a {@code git-subdir}'s path digest) or the archive's SHA-256 (12 hex digits).
   */
  private String settleVersion(PlannedPlugin plugin, Fetched fetched, String own) {
    if (!plugin.versionFromPackage()) {
      return plugin.version();
    }
    if (own != null) {
      if (!own.equals(plugin.version()) && dev.mp.resolve.Version.parse(plugin.version()).isSemver()) {
        context.reporter().warn("`" + plugin.name() + "`: registry `" + plugin.registry() + "` lists version "
            + plugin.version() + ", its `plugin.json` says " + own + "; Claude Code shows " + own
            + ", so mp records " + own);
      }
      return own;
    }
    if (!ClaudeVersions.UNKNOWN.equals(plugin.version())) {
      return plugin.version();
    }
    if (fetched.source() instanceof PackageSource.Git git && git.sha() != null) {
      return ClaudeVersions.ofCommit(git.sha(), git.pathDigest());
    }
    String ofArchive = fetched.source() instanceof PackageSource.Archive ? ClaudeVersions.ofArchive(fetched.archiveIntegrity())
        : null;
    return ofArchive != null ? ofArchive : plugin.version();
  }

  /** Copies a stored tree into staging; returns the copy's canonical listing, refusing escaping links. */
  private static List<TreeHash.Entry> copyChecked(Path from, Path target, String pluginName) throws IOException {
    if (!Files.isDirectory(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Trees.copy(from, target);
      return safeEntries(target, pluginName);
    }
    Trees.CopiedTree copied = Trees.copyListing(from, target);
    LinkSafety.check(copied.links(), pluginName);
    return copied.entries();
  }

  /** The canonical listing of a tree, refusing links that lead outside it; one walk. */
  private static List<TreeHash.Entry> safeEntries(Path root, String pluginName) throws IOException {
    List<TreeHash.FileRef> files = TreeHash.walk(root);
    LinkSafety.check(files, pluginName);
    List<TreeHash.Entry> entries = new ArrayList<>(files.size());
    for (TreeHash.FileRef file : files) {
      entries.add(TreeHash.entry(file, TreeHash.READ_CONTENT));
    }
    return entries;
  }

  /** The plugin's own {@code .claude-plugin/plugin.json}, or null when it has none or it is not JSON. */
  private static JsonNode manifest(Path folder) {
    byte[] manifest = AtomicFiles.readIfExists(folder.resolve(".claude-plugin/plugin.json"));
    if (manifest == null) {
      return null;
    }
    try {
      return dev.mp.io.Json.readTree(manifest);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A non-blank string field of {@code node}, trimmed; null otherwise. */
  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue().trim() : null;
  }

  private static void verify(PlannedPlugin plugin, String expected, String actual) {
    if (expected != null && !expected.equals(actual)) {
      throw new MpException(ErrorCode.INTEGRITY_MISMATCH,
          "`" + plugin.name() + "` " + plugin.version() + " from `" + plugin.registry()
              + "` does not match its integrity\n  expected: " + expected + "\n  actual:   " + actual,
          "the package changed after it was published or locked; nothing was installed",
          "if the change is expected, ask the registry `" + plugin.registry() + "` to publish a new version");
    }
  }

  /**
   * Swaps the staged plugins in, removes the folders {@code removeFolders}, and writes {@code
   * marketplace.json} (named {@code marketplaceName}) and {@code .mp-state.json} for {@code next}, plus
   * {@code alsoWrite} (absolute path → bytes; files whose bytes are unchanged are left alone).
   */
  public void commit(Staging staging, InstalledState next, Set<String> removeFolders, Map<Path, byte[]> alsoWrite,
      String marketplaceName) {
    Map<Path, byte[]> files = new LinkedHashMap<>();
    Map<String, Path> stagedFolders = new HashMap<>();
    Set<String> placed = new java.util.TreeSet<>();
    staging.plugins().forEach((name, plugin) -> {
      stagedFolders.put(name, plugin.folder());
      placed.add(plugin.plan().folder());
    });
    files.put(installDir.resolve(Marketplace.FILE),
        Marketplace.serialize(marketplaceName, next.plugins(), installDir, stagedFolders));
    files.put(installDir.resolve(InstalledStateCodec.FILE), InstalledStateCodec.serialize(next));
    files.putAll(alsoWrite);
    files.entrySet().removeIf(e -> java.util.Arrays.equals(AtomicFiles.readIfExists(e.getKey()), e.getValue()));
    SwapJournal.commit(staging.dir(), installDir, placed, removeFolders, files, () -> pause("committed"));
  }

  /** The plugin folders in the install folder (names not starting with a dot), sorted. */
  public List<String> installedFolders() {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(installDir)) {
      return names;
    }
    try (var entries = Files.list(installDir)) {
      entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".")).sorted().forEach(names::add);
    } catch (IOException e) {
      throw MpException.io("failed to list `" + installDir + "`", e);
    }
    return names;
  }

  private void pause(String point) {
    String wanted = context.env().get(PAUSE_VARIABLE);
    if (wanted == null || !(wanted.equals(point) || wanted.startsWith(point + ":"))) {
      return;
    }
    context.reporter().info("test pause: " + point);
    long millis = wanted.contains(":") ? Long.parseLong(wanted.substring(wanted.indexOf(':') + 1)) : 600_000;
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
