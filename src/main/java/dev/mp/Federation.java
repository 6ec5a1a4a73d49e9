package dev.mp;

import dev.mp.config.AddRegistryRequest;
import dev.mp.config.ConfigLoader;
import dev.mp.config.LoadedConfig;
import dev.mp.config.ProjectLayout;
import dev.mp.config.RegistryChange;
import dev.mp.config.RegistryEditor;
import dev.mp.config.RegistrySpec;
import dev.mp.io.ProcessLock;
import dev.mp.registry.RegistryListing;
import dev.mp.registry.RegistrySet;
import dev.mp.registry.client.RegistryClient;
import dev.mp.registry.client.RegistryTestResult;
import dev.mp.registry.client.SearchPattern;
import dev.mp.registry.client.SearchResult;
import dev.mp.registry.client.SyncListener;
import dev.mp.registry.client.SyncResult;
import java.util.ArrayList;
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
  private RegistryClient registryClient;
  private RegistrySet registrySet;

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

  /** The registries in the order they are consulted, with the cache's age and plugin count (never fetched). */
  public RegistryListing listRegistries() {
    LoadedConfig loaded = config();
    return new RegistryListing(loaded, loaded.config().byPriority().stream().map(registryClient()::status).toList());
  }

  /**
   * Every enabled registry of this run, in priority order (then name), loaded once per {@code
   * Federation}: in parallel, through the cache ({@code cacheTTL}), with stale copies when a registry
   * is down and no network with {@code --offline}. A failing registry is a warning; call {@link
   * RegistrySet#requireAvailable()} for the error when none is usable.
   *
   * @throws MpException {@code CONFIG_ERROR} when {@code registries.json} is invalid
   */
  public RegistrySet registries() {
    if (registrySet == null) {
      registrySet = registryClient().load(config().config().enabledByPriority());
    }
    return registrySet;
  }

  /**
   * Fetches registries now, ignoring the TTL: {@code names}, or every enabled registry when empty.
   *
   * @throws MpException {@code REGISTRY_NOT_FOUND} for an unknown name, {@code NO_REGISTRIES} when
   *     nothing is enabled, {@code USAGE_ERROR} with {@code --offline}
   */
  public SyncResult syncRegistries(List<String> names, SyncListener listener) {
    List<RegistrySpec> specs = names.isEmpty() ? config().config().enabledByPriority() : named(names);
    if (specs.isEmpty()) {
      throw new MpException(ErrorCode.NO_REGISTRIES, "no registry is configured and enabled",
          "add one with `mp registry add NAME URL`");
    }
    registrySet = null;
    return registryClient().sync(specs, listener);
  }

  /**
   * Checks one registry (enabled or not) from its source: reachability, credentials, format, plugins.
   *
   * @throws MpException {@code REGISTRY_NOT_FOUND} for an unknown name, {@code USAGE_ERROR} with
   *     {@code --offline} for a remote registry
   */
  public RegistryTestResult testRegistry(String name) {
    return registryClient().test(named(List.of(name)).get(0));
  }

  /**
   * Plugins whose name or description matches {@code pattern} (glob or substring), across the
   * available registries in priority order.
   *
   * @throws MpException {@code USAGE_ERROR} for an empty pattern, {@code NO_REGISTRIES}, {@code
   *     ALL_REGISTRIES_UNAVAILABLE}
   */
  public SearchResult search(String pattern) {
    SearchPattern parsed = SearchPattern.parse(pattern);
    return SearchResult.of(parsed, registries().requireAvailable());
  }

  /** The registries named, in priority order, each once. */
  private List<RegistrySpec> named(List<String> names) {
    List<RegistrySpec> specs = new ArrayList<>();
    for (String name : names) {
      RegistrySpec spec = config().config().find(name).orElseThrow(() -> RegistryEditor.notFound(name, config().config()));
      if (!specs.contains(spec)) {
        specs.add(spec);
      }
    }
    specs.sort(RegistrySpec.BY_PRIORITY_THEN_NAME);
    return specs;
  }

  private RegistryClient registryClient() {
    if (registryClient == null) {
      registryClient = new RegistryClient(context, config().config().defaults());
    }
    return registryClient;
  }

  /**
   * Adds a registry, or replaces the one of the same name.
   *
   * @throws MpException {@code CONFIG_ERROR} for invalid input
   */
  public RegistryChange addRegistry(AddRegistryRequest request) {
    loadedConfig = null;
    registryClient = null;
    registrySet = null;
    return withProjectLock(() -> RegistryEditor.add(context.projectDir(), request));
  }

  /**
   * Removes a registry.
   *
   * @throws MpException {@code REGISTRY_NOT_FOUND} when there is no such registry
   */
  public RegistryChange removeRegistry(String name) {
    loadedConfig = null;
    registryClient = null;
    registrySet = null;
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
}
