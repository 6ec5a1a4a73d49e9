package dev.mp;

import dev.mp.config.AddRegistryRequest;
import dev.mp.config.ConfigLoader;
import dev.mp.config.LoadedConfig;
import dev.mp.config.ProjectLayout;
import dev.mp.config.RegistryChange;
import dev.mp.config.RegistryEditor;
import dev.mp.install.ExtractionLimits;
import dev.mp.install.InstallPlan;
import dev.mp.install.Installer;
import dev.mp.install.RegistryAuthorization;
import dev.mp.io.ProcessLock;
import dev.mp.lock.InstallResult;
import dev.mp.lock.ListResult;
import dev.mp.lock.LockCheckResult;
import dev.mp.lock.LockDiff;
import dev.mp.lock.LockDiffResult;
import dev.mp.lock.LockGenerateResult;
import dev.mp.lock.LockfileManager;
import dev.mp.lock.ProjectInstaller;
import dev.mp.registry.RegistryListing;
import dev.mp.registry.RegistryStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The library API of mp: one method per use case, each taking plain values or a request record and
 * returning a result record. The command line is a thin shell over this class, and other Java
 * programs can call it the same way. Wired by hand, per {@link Context}; an instance is cheap and is
 * meant for one operation (or one command-line invocation). Not thread-safe.
 */
public final class Federation {
  private final Context context;
  private LoadedConfig loadedConfig;

  public Federation(Context context) {
    this.context = context;
  }

  public Context context() {
    return context;
  }

  /**
   * The project's registries configuration, or the built-in defaults.
   *
   * @throws MpException {@code CONFIG_ERROR} when {@code registries.json} is malformed or invalid
   */
  public LoadedConfig config() {
    if (loadedConfig == null) {
      loadedConfig = ConfigLoader.load(context.projectDir());
      loadedConfig.warnings().forEach(context.reporter()::warn);
    }
    return loadedConfig;
  }

  /** Where this project's files are. */
  public ProjectLayout layout() {
    return ProjectLayout.of(context.projectDir(), config().config().defaults());
  }

  /** The registries in the order they are consulted. */
  public RegistryListing listRegistries() {
    LoadedConfig loaded = config();
    return new RegistryListing(
        loaded,
        loaded.config().byPriority().stream().map(spec -> new RegistryStatus(spec, null, null)).toList());
  }

  /**
   * Adds a registry, or replaces the one of the same name.
   *
   * @throws MpException {@code CONFIG_ERROR} for invalid input
   */
  public RegistryChange addRegistry(AddRegistryRequest request) {
    loadedConfig = null;
    return withProjectLock(() -> RegistryEditor.add(context.projectDir(), request));
  }

  /**
   * Removes a registry.
   *
   * @throws MpException {@code REGISTRY_NOT_FOUND} when there is no such registry
   */
  public RegistryChange removeRegistry(String name) {
    loadedConfig = null;
    return withProjectLock(() -> RegistryEditor.remove(context.projectDir(), name));
  }

  /**
   * Runs {@code action} holding the project lock, so two mp processes never change a project at
   * once; a second process waits and says so.
   */
  public <T> T withProjectLock(Supplier<T> action) {
    ProjectLayout paths = ProjectLayout.of(context.projectDir(), dev.mp.config.FederationDefaults.DEFAULT);
    try (ProcessLock lock =
        ProcessLock.acquire(
            paths.projectLock(),
            file -> context.reporter().info("Blocking: waiting for another mp process to release the project lock"))) {
      return action.get();
    }
  }

  /** The installer of this project's install folder. */
  public Installer installer() {
    return new Installer(context, layout().installDir(), ExtractionLimits.DEFAULT);
  }

  /**
   * Installs the plugins of {@code plan} (the result of resolution and policy): fetches them in
   * parallel, verifies each against its integrity, swaps them in atomically, removes plugins nothing
   * requested needs any more, and writes {@code plugin-lock.json}, {@code marketplace.json} and the
   * installed state. Takes the project lock. On any failure nothing is changed.
   *
   * @throws MpException {@code INTEGRITY_MISMATCH}, {@code UNSAFE_PACKAGE} (exit 1), {@code
   *     PACKAGE_UNAVAILABLE} (exit 3)
   */
  public InstallResult install(InstallPlan plan) {
    return withProjectLock(() -> new ProjectInstaller(context, layout(), installer()).install(plan));
  }

  /**
   * Removes plugins and the dependencies nothing else needs, and updates the lockfile.
   *
   * @throws MpException {@code PLUGIN_NOT_FOUND} when a name is not installed
   */
  public InstallResult uninstall(List<String> names) {
    return withProjectLock(() -> new ProjectInstaller(context, layout(), installer()).uninstall(names));
  }

  /**
   * Installs exactly {@code plugin-lock.json} (like {@code npm ci}), with Bearer tokens of {@code
   * token:} registries from the environment.
   *
   * @throws MpException {@code LOCKFILE_ERROR} without a lockfile; fetch and verification errors
   */
  public InstallResult lockInstall() {
    return lockInstall(RegistryAuthorization.tokens(config().config(), context.env()));
  }

  /** {@link #lockInstall()} with the caller's credentials (for example the registry client's OIDC tokens). */
  public InstallResult lockInstall(RegistryAuthorization authorization) {
    return withProjectLock(() ->
        new ProjectInstaller(context, layout(), installer()).installLockfile(authorization, config().config()));
  }

  /** Writes {@code plugin-lock.json} from the installed state. Takes the project lock. */
  public LockGenerateResult lockGenerate() {
    return withProjectLock(() -> {
      Installer installer = installer();
      installer.recover();
      return new LockfileManager(context, layout(), installer).generate();
    });
  }

  /**
   * Checks the installed plugins against the lockfile.
   *
   * @throws MpException {@code LOCKFILE_ERROR} without a lockfile
   */
  public LockCheckResult lockCheck() {
    return new LockfileManager(context, layout(), recovered()).check();
  }

  /**
   * The lockfile's changes against a base: {@code againstFile}, else git {@code gitRevision}, else git
   * {@code HEAD}.
   */
  public LockDiffResult lockDiff(Path againstFile, String gitRevision) {
    return new LockDiff(context, layout()).diff(againstFile, gitRevision);
  }

  /** The installed plugins and whether each matches the lockfile. */
  public ListResult listInstalled() {
    return new LockfileManager(context, layout(), recovered()).list();
  }

  /** An installer whose interrupted swap, if any, has been finished (under the project lock). */
  private Installer recovered() {
    Installer installer = installer();
    if (installer.needsRecovery()) {
      withProjectLock(() -> {
        installer.recover();
        return null;
      });
    }
    return installer;
  }
}
