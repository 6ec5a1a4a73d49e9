package dev.mp.lock;

import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.config.ProjectLayout;
import dev.mp.config.RegistriesConfig;
import dev.mp.install.ClaudeSettings;
import dev.mp.install.InstallPlan;
import dev.mp.install.InstalledPlugin;
import dev.mp.install.InstalledState;
import dev.mp.install.Installer;
import dev.mp.install.Marketplace;
import dev.mp.install.PlannedPlugin;
import dev.mp.install.RegistryAuthorization;
import dev.mp.install.StagedPlugin;
import dev.mp.install.StagedReview;
import dev.mp.capability.CapabilityDetector;
import dev.mp.install.Staging;
import dev.mp.io.AtomicFiles;
import dev.mp.io.EditDistance;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The changes that install or remove plugins and rewrite the lockfile with them, each all or
 * nothing: {@link #install(InstallPlan)} (after resolution and policy), {@link #uninstall} and {@link
 * #installLockfile} ({@code lock install}, like {@code npm ci}). The caller holds the project lock.
 * Not thread-safe.
 */
public final class ProjectInstaller {
  private final Context context;
  private final ProjectLayout layout;
  private final Installer installer;
  private final LockfileManager lockfiles;

  public ProjectInstaller(Context context, ProjectLayout layout, Installer installer) {
    this.context = context;
    this.layout = layout;
    this.installer = installer;
    this.lockfiles = new LockfileManager(context, layout, installer);
  }

  /**
   * Fetches, verifies and installs the plan's plugins, removes plugins nothing requested needs any
   * more, and writes the lockfile.
   *
   * @throws MpException {@code INTEGRITY_MISMATCH}, {@code UNSAFE_PACKAGE}, {@code PACKAGE_UNAVAILABLE}
   *     with nothing changed
   */
  public InstallResult install(InstallPlan plan) {
    installer.recover();
    settingsBefore();
    InstalledState before = installer.loadState();
    Lockfile previous = lockfiles.load().orElse(Lockfile.empty());
    try (Staging staging = installer.stage(plan.plugins(), plan.authorization())) {
      SortedMap<String, StagedPlugin> reviewed = review(plan.review(), staging);
      TreeMap<String, InstalledPlugin> plugins = new TreeMap<>(before.plugins());
      reviewed.forEach((name, staged) -> plugins.put(name, staged.installed()));
      TreeMap<String, String> requested = new TreeMap<>(
          before.plugins().isEmpty() && before.requested().isEmpty() ? previous.requested() : before.requested());
      requested.putAll(plan.requested());
      InstalledState merged = new InstalledState(requested, plugins);
      Set<String> keep = new TreeSet<>(merged.needed());
      keep.addAll(staging.plugins().keySet());
      TreeMap<String, InstalledPlugin> kept = new TreeMap<>(plugins);
      kept.keySet().retainAll(keep);
      return apply(staging, before, merged.withPlugins(kept), previous, List.of(), Set.of(), true);
    }
  }

  /**
   * Removes plugins and the dependencies nothing else needs; a named plugin another one still needs
   * is dropped from {@code requested} but kept.
   *
   * @throws MpException {@code PLUGIN_NOT_FOUND} when a name is not installed
   */
  public InstallResult uninstall(List<String> names) {
    installer.recover();
    settingsBefore();
    InstalledState before = installer.loadState();
    Lockfile previous = lockfiles.load().orElse(Lockfile.empty());
    Set<String> folders = PluginNames.installedNames(installer.installedFolders(), before.plugins().keySet());
    for (String name : names) {
      if (!before.plugins().containsKey(name) && !folders.contains(name)) {
        Set<String> known = new TreeSet<>(folders);
        known.addAll(before.plugins().keySet());
        String close = EditDistance.closest(name, known);
        throw new MpException(ErrorCode.PLUGIN_NOT_FOUND, "`" + name + "` is not installed",
            close != null ? "did you mean `" + close + "`?" : "run `mp list` to see the installed plugins");
      }
    }
    TreeMap<String, String> requested = new TreeMap<>(before.requested());
    names.forEach(requested::remove);
    InstalledState next = before.withRequested(requested).pruned();
    List<String> kept = names.stream().filter(next.plugins()::containsKey).sorted().toList();
    kept.forEach(name -> context.reporter().warn("`" + name + "` is still needed by "
        + dependents(next, name) + "; kept as a dependency"));
    try (Staging staging = installer.stage(List.of(), RegistryAuthorization.NONE)) {
      Set<String> unmanaged = new TreeSet<>(names);
      unmanaged.removeAll(before.plugins().keySet());
      return apply(staging, before, next, previous, kept, unmanaged, true);
    }
  }

  /**
   * Installs exactly the lockfile: fetches and verifies every locked package, removes installed
   * plugins it does not list. The lockfile is not rewritten.
   *
   * @throws MpException {@code LOCKFILE_ERROR} without a lockfile; fetch and verification errors
   *     with nothing changed
   */
  public InstallResult installLockfile(RegistryAuthorization authorization, RegistriesConfig config) {
    installer.recover();
    Lockfile lockfile = lockfiles.require();
    settingsBefore();
    InstalledState before = installer.loadState();
    List<PlannedPlugin> plugins = new ArrayList<>();
    lockfile.plugins().forEach((name, locked) -> {
      String location = lockfile.registries().getOrDefault(locked.source(),
          config.find(locked.source()).map(spec -> spec.url()).orElse(""));
      InstalledPlugin old = before.plugins().get(name);
      plugins.add(new PlannedPlugin(name, locked.version(), locked.source(), location,
          PackageSource.parseResolved(locked.resolved(), layout.root()), locked.integrity(), locked.archiveIntegrity(),
          locked.dependencies(), locked.isSigned(), locked.isClaimedSigned(), locked.trustScore(),
          old == null ? null : old.description(), locked.marketplaceEntry(), false));
    });
    // The lockfile's record keeps what the files cannot tell (capabilities a marketplace entry declared).
    StagedReview review = staged -> CapabilityDetector.ofFolder(staged.folder(), null)
        .union(lockfile.plugins().get(staged.plan().name()).capabilities());
    try (Staging staging = installer.stage(plugins, authorization)) {
      TreeMap<String, InstalledPlugin> next = new TreeMap<>();
      review(review, staging).forEach((name, staged) -> next.put(name, staged.installed()));
      InstalledState state = new InstalledState(lockfile.requested(), next);
      return apply(staging, before, state, lockfile, List.of(), Set.of(), false);
    }
  }

  /** The staged plugins with their capabilities, approved by {@code review} (which may refuse them all). */
  private static SortedMap<String, StagedPlugin> review(StagedReview review, Staging staging) {
    TreeMap<String, StagedPlugin> reviewed = new TreeMap<>();
    staging.plugins().forEach((name, staged) -> reviewed.put(name, staged.withCapabilities(review.capabilities(staged))));
    SortedMap<String, StagedPlugin> view = java.util.Collections.unmodifiableSortedMap(reviewed);
    review.approve(view);
    return view;
  }

  /**
   * Swaps in {@code staging}, removes what {@code next} no longer holds, writes the lockfile if asked
   * and {@code .claude/settings.json} when the project keeps it.
   *
   * @param alsoRemove folders to remove that no plugin mp installed owns (named by the user)
   */
  private InstallResult apply(Staging staging, InstalledState before, InstalledState next, Lockfile previous,
      List<String> kept, Set<String> alsoRemove, boolean writeLockfile) {
    Set<String> known = new TreeSet<>(before.plugins().keySet());
    known.addAll(next.plugins().keySet());
    List<String> onDisk = installer.installedFolders();
    Set<String> present = PluginNames.installedNames(onDisk, known);
    Set<String> remove = new TreeSet<>(before.plugins().keySet());
    remove.retainAll(present);
    if (!writeLockfile) {
      // `lock install` makes the folder exactly the lockfile, hand-placed plugins included; the other
      // changes only ever remove plugins mp installed (or that were named).
      remove.addAll(present);
    }
    remove.removeAll(next.plugins().keySet());
    refuseSharedFolders(next);
    Set<String> removeFolders = new TreeSet<>();
    remove.forEach(name -> removeFolders.add(known.contains(name) ? PluginNames.folder(name) : name));
    removeFolders.addAll(alsoRemove);
    remove.addAll(alsoRemove);
    for (String name : known) {
      // A folder named as the plugin by an mp that predates the name mapping (`Foo`, now `Foo~<hash>`).
      if (!PluginNames.folder(name).equals(name) && onDisk.contains(name)) {
        removeFolders.add(name);
      }
    }
    Lockfile lockfile = writeLockfile ? LockfileManager.toLockfile(next, previous) : previous;
    byte[] bytes = LockfileCodec.serialize(lockfile);
    boolean changed = writeLockfile && !Arrays.equals(bytes, AtomicFiles.readIfExists(layout.lockfile()));
    Map<Path, byte[]> files = new LinkedHashMap<>();
    if (writeLockfile) {
      files.put(layout.lockfile(), bytes);
    }
    byte[] settings = settingsAfter(next);
    boolean settingsChanged = settings != null;
    if (settingsChanged) {
      files.put(layout.claudeSettingsFile(), settings);
    }
    installer.commit(staging, next, removeFolders, files, layout.marketplaceName());
    List<PluginChange> changes = new ArrayList<>();
    for (StagedPlugin staged : staging.plugins().values()) {
      String name = staged.plan().name();
      InstalledPlugin old = present.contains(name) ? before.plugins().get(name) : null;
      String action = !present.contains(name) ? "added"
          : old == null || old.version().equals(staged.version()) ? "reinstalled" : "updated";
      changes.add(new PluginChange(name, action, old == null ? null : old.version(), staged.version(),
          staged.plan().registry()));
    }
    for (String name : remove) {
      InstalledPlugin old = before.plugins().get(name);
      changes.add(new PluginChange(name, "removed", old == null ? null : old.version(), null,
          old == null ? null : old.registry()));
    }
    changes.sort(java.util.Comparator.comparing(PluginChange::plugin));
    return new InstallResult(changes, kept, lockfile, changed, settingsChanged);
  }

  /** Reads {@code .claude/settings.json} before anything is fetched, so a malformed one changes nothing. */
  private void settingsBefore() {
    if (layout.claudeSettings()) {
      settingsAfter(installer.loadState(false));
    }
  }

  /**
   * The new bytes of {@code .claude/settings.json} for {@code next}, or null when they do not change
   * (or the project does not keep the file).
   *
   * @throws MpException {@code CONFIG_ERROR} when the file is malformed
   */
  private byte[] settingsAfter(InstalledState next) {
    if (!layout.claudeSettings()) {
      return null;
    }
    Path file = layout.claudeSettingsFile();
    byte[] existing = AtomicFiles.readIfExists(file);
    Set<String> formerNames = new TreeSet<>();
    Marketplace.currentName(installer.installDir()).filter(name -> !name.equals(layout.marketplaceName()))
        .ifPresent(formerNames::add);
    byte[] updated = ClaudeSettings.update(existing, ProjectLayout.CLAUDE_SETTINGS, layout.marketplaceName(),
        marketplacePath(), formerNames, next.plugins().keySet());
    return updated == existing ? null : updated;
  }

  /**
   * The install folder as Claude Code resolves a relative {@code directory} path in project settings:
   * from the root of the git repository the project is in, else from the project folder (measured:
   * a project in a repository's {@code app/} folder needs {@code ./app/.claude/plugins}). An install
   * folder outside that base is given by its absolute path.
   */
  private String marketplacePath() {
    Path installDir = installer.installDir();
    Path root = layout.root().toAbsolutePath().normalize();
    Path base = root;
    for (Path dir = root; dir != null; dir = dir.getParent()) {
      if (java.nio.file.Files.exists(dir.resolve(".git"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        base = dir;
        break;
      }
    }
    if (!installDir.startsWith(base)) {
      return installDir.toString();
    }
    String relative = base.relativize(installDir).toString().replace('\\', '/');
    return relative.isEmpty() ? "./" : "./" + relative;
  }

  /** Refuses a state where two plugins would share a folder (distinct names map to distinct folders). */
  private static void refuseSharedFolders(InstalledState next) {
    Map<String, String> owners = new HashMap<>();
    for (String name : next.plugins().keySet()) {
      String other = owners.put(PluginNames.folder(name).toLowerCase(java.util.Locale.ROOT), name);
      if (other != null) {
        throw new MpException(ErrorCode.UNSAFE_PACKAGE, "plugins `" + other + "` and `" + name
            + "` would share the install folder `" + PluginNames.folder(name) + "`; nothing was changed",
            "install only one of them");
      }
    }
  }

  private static String dependents(InstalledState state, String name) {
    List<String> users = new ArrayList<>();
    state.plugins().forEach((other, plugin) -> {
      if (plugin.dependencies().contains(name)) {
        users.add("`" + other + "`");
      }
    });
    return String.join(", ", users);
  }
}
