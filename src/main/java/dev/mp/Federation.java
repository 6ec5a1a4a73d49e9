package dev.mp;

import dev.mp.audit.AuditLog;
import dev.mp.auth.RegistryTokens;
import dev.mp.config.AddRegistryRequest;
import dev.mp.config.ConfigLoader;
import dev.mp.config.LoadedConfig;
import dev.mp.config.ProjectInitializer;
import dev.mp.config.ProjectLayout;
import dev.mp.config.RegistryChange;
import dev.mp.config.RegistryEditor;
import dev.mp.config.RegistrySpec;
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
import dev.mp.lock.Lockfile;
import dev.mp.lock.LockfileCodec;
import dev.mp.lock.sbom.CycloneDxSbom;
import dev.mp.lock.sbom.SbomFormat;
import dev.mp.lock.sbom.SpdxSbom;
import dev.mp.lock.ProjectInstaller;
import dev.mp.policy.Decision;
import dev.mp.policy.EnforceReport;
import dev.mp.policy.FactsResolver;
import dev.mp.policy.ResolvedFacts;
import dev.mp.resolve.Resolution;
import dev.mp.resolve.ResolveRequest;
import dev.mp.policy.PluginFacts;
import dev.mp.policy.Policy;
import dev.mp.policy.PolicyCheckRequest;
import dev.mp.policy.PolicyCheckResult;
import dev.mp.policy.PolicyDenials;
import dev.mp.policy.PolicyEnforcer;
import dev.mp.policy.PolicyEngine;
import dev.mp.policy.PolicyListing;
import dev.mp.policy.PolicyLoader;
import dev.mp.policy.OrganisationPolicies;
import dev.mp.policy.ClaudeManagedSettings;
import dev.mp.registry.RegistryListing;
import dev.mp.registry.RegistrySet;
import dev.mp.registry.RegistryStatus;
import dev.mp.registry.client.RegistryClient;
import dev.mp.registry.client.RegistryTestResult;
import dev.mp.registry.client.SearchPattern;
import dev.mp.registry.client.SearchResult;
import dev.mp.registry.client.SyncListener;
import dev.mp.registry.client.SyncResult;
import dev.mp.registry.http.HttpSettings;
import dev.mp.sign.Ed25519PrivateKey;
import dev.mp.sign.IndexSigner;
import dev.mp.sign.KeyFiles;
import dev.mp.sign.Lifetimes;
import dev.mp.wrapper.ProjectWrapper;
import dev.mp.wrapper.WrapperRequest;
import dev.mp.wrapper.WrapperResult;
import java.nio.file.Path;
import java.time.Duration;
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
  private PolicyEngine policyEngine;
  private FactsResolver factsResolver;
  private RegistryClient registryClient;
  private RegistrySet registrySet;
  private RegistryTokens tokens;

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
      for (String warning : loadedConfig.warnings()) {
        context.reporter().warn(warning);
      }
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
    RegistryClient client = registryClient();
    List<RegistryStatus> statuses = new ArrayList<>();
    for (RegistrySpec spec : loaded.config().byPriority()) {
      statuses.add(client.status(spec));
    }
    return new RegistryListing(loaded, List.copyOf(statuses));
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
      registryClient = new RegistryClient(context, config().config().defaults(), HttpSettings.DEFAULT,
          RegistryClient.builtInCredentials(tokens()));
    }
    return registryClient;
  }

  /**
   * The registries' token sources for this run, shared by index fetches and package downloads so that
   * each registry's OIDC token is fetched once (and refreshed once after a 401).
   */
  public RegistryTokens tokens() {
    if (tokens == null) {
      tokens = new RegistryTokens(context);
    }
    return tokens;
  }

  /**
   * Adds a registry, or replaces the one of the same name.
   *
   * @throws MpException {@code CONFIG_ERROR} for invalid input
   */
  public RegistryChange addRegistry(AddRegistryRequest request) {
    loadedConfig = null;
    registryClient = null;
    tokens = null;
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
    tokens = null;
    registrySet = null;
    return withProjectLock(() -> RegistryEditor.remove(context.projectDir(), name));
  }

  /**
   * Writes the default {@code registries.json} and policy into the project.
   *
   * @throws MpException {@code USAGE_ERROR} when they exist and {@code force} is false
   */
  public ProjectInitializer.InitResult init(boolean force) {
    loadedConfig = null;
    return withProjectLock(() -> ProjectInitializer.init(context.projectDir(), force));
  }

  /**
   * Writes a new Ed25519 key pair for signing a registry: {@code file} (the private key, mode 600) and
   * {@code file.pub}. Relative paths are resolved against the project root.
   *
   * @throws MpException {@code USAGE_ERROR} when a file exists and {@code force} is false, {@code
   *     IO_ERROR} when a file cannot be written
   */
  public KeyFiles.GeneratedKey keygen(Path file, boolean force) {
    Path target = context.projectDir().resolve(file);
    return KeyFiles.generate(target, display(target), force, context.reporter());
  }

  /**
   * Signs a registry index and its entries in place and writes {@code <index>.sig} (DESIGN.md §7).
   * Relative paths are resolved against the project root.
   *
   * @param expires the index's lifetime from now ({@code 30d}, {@code 12h}), or null to keep its
   *     {@code expires}
   * @throws MpException {@code USAGE_ERROR} for a malformed lifetime, {@code CONFIG_ERROR} for a
   *     malformed key or index, {@code IO_ERROR} when a file cannot be read or written
   */
  public IndexSigner.SignedIndex signIndex(Path index, Path keyFile, String expires) {
    Duration lifetime = expires == null ? null : Lifetimes.parse(expires, "--expires");
    Path keyPath = context.projectDir().resolve(keyFile);
    Ed25519PrivateKey key = KeyFiles.load(keyPath, display(keyPath), context.reporter());
    Path indexPath = context.projectDir().resolve(index);
    return IndexSigner.signFile(indexPath, display(indexPath), key, lifetime, context.clock().instant());
  }

  /** The registry author's side: {@code pack}, {@code registry build}, {@code registry yank} (DESIGN.md §10). */
  public Publishing publishing() {
    return new Publishing(this);
  }

  /** A path as shown to users: relative to the project root when inside it. */
  public String display(Path path) {
    return ProjectLayout.of(context.projectDir(), dev.mp.config.FederationDefaults.DEFAULT).display(path);
  }

  /**
   * The project's policy ({@code .claude/policies/plugins.yaml}), or the built-in default. Rules whose
   * {@code source} names no configured registry are reported as warnings.
   *
   * @throws MpException {@code POLICY_CONFIG_ERROR} when the policy file is malformed or invalid
   */
  public Policy policy() {
    return policyEngine().policy();
  }

  /**
   * The engine for the project's policy and registries.
   *
   * @throws MpException {@code POLICY_CONFIG_ERROR} or {@code CONFIG_ERROR} for a bad policy or config
   */
  public PolicyEngine policyEngine() {
    if (policyEngine == null) {
      Policy policy = PolicyLoader.load(context.projectDir(), context.cacheDir());
      if (!policy.references().isEmpty()) {
        policy = OrganisationPolicies.resolve(policy, config().config(), (uri, registry, label) -> {
          var document = registryClient().policies().fetch(uri, registry, label);
          return new OrganisationPolicies.Fetched(document.bytes(), document.signed());
        });
      }
      for (String warning : policy.warnings(config().config())) {
        context.reporter().warn(warning);
      }
      policyEngine = new PolicyEngine(policy, config().config());
    }
    return policyEngine;
  }

  /**
   * Where {@link #policyCheck} takes a plugin's facts from when the request names no source. Until one
   * is set, such a request is a {@code USAGE_ERROR} asking for {@code --source}.
   */
  public void useFactsResolver(FactsResolver resolver) {
    this.factsResolver = resolver;
  }

  /**
   * Decides whether a plugin may be installed. A denial is a result, not an error.
   *
   * @throws MpException {@code USAGE_ERROR} without a source and without a facts resolver, {@code
   *     REGISTRY_NOT_FOUND} for an unknown source, {@code POLICY_CONFIG_ERROR} for a bad policy
   */
  public PolicyCheckResult policyCheck(PolicyCheckRequest request) {
    return policyEngine().check(request, factsResolver != null ? factsResolver : this::resolvedFacts);
  }

  /** The policy's rules and the registries' modes. */
  public PolicyListing policyList() {
    return new PolicyListing(policy(), config().config().byPriority());
  }

  /**
   * Audits the locked and installed plugins against the policy.
   *
   * @throws MpException {@code LOCKFILE_ERROR} for a bad lockfile, {@code POLICY_CONFIG_ERROR} for a bad policy
   */
  public EnforceReport policyEnforce() {
    return PolicyEnforcer.audit(policyEngine(), layout(),
        dev.mp.content.ScanCache.load(context.cacheDir(), layout().installDir()));
  }

  /**
   * The policy as a fragment of Claude Code's managed settings ({@code strictKnownMarketplaces},
   * {@code blockedMarketplaces}, {@code enabledPlugins}), for an administrator to deploy so that Claude
   * Code enforces the same decisions outside mp. Reads the registries (through the cache) to list the
   * plugins the policy denies.
   *
   * @throws MpException {@code POLICY_CONFIG_ERROR}, {@code CONFIG_ERROR}
   */
  public ClaudeManagedSettings.Export policyExportClaudeManagedSettings() {
    PolicyEngine engine = policyEngine();
    RegistrySet loaded = registries();
    List<ClaudeManagedSettings.Registry> registries = new ArrayList<>();
    for (var registry : loaded.registries()) {
      String name = registry.spec().isRemote() ? registryClient().marketplaceName(registry.spec()).orElse(null) : null;
      List<dev.mp.registry.PluginEntry> entries = registry.available() && name != null
          ? registry.index().entries().toList() : List.of();
      registries.add(new ClaudeManagedSettings.Registry(registry.spec(), name, entries));
    }
    String installDir = layout().display(layout().installDir()).replaceFirst("^\\./", "");
    return ClaudeManagedSettings.of(engine, registries, installDir);
  }

  /**
   * Evaluates {@code facts} for installation: returns the permission, or records the denial in the
   * audit trail and throws it.
   *
   * @throws MpException {@code POLICY_DENIED} (exit 1) when the policy denies the plugin
   */
  public Decision.Allowed requirePolicyAllows(PluginFacts facts) {
    Decision decision = policyEngine().evaluate(facts);
    if (decision instanceof Decision.Denied denied) {
      recordPolicyDenial(denied);
      throw denied.toException();
    }
    return (Decision.Allowed) decision;
  }

  /**
   * Appends a {@code policy-denied} event to {@code .claude/federation-audit.jsonl}.
   *
   * @throws MpException {@code IO_ERROR} when the audit trail cannot be written
   */
  public void recordPolicyDenial(Decision.Denied denied) {
    PolicyDenials.record(new AuditLog(layout().auditFile(), context.clock()), denied);
  }

  /**
   * Resolves plugins across the registries (priorities, conflicts, versions, dependencies), verifies
   * each resolved plugin's signature against its registry's keys, and judges it against the policy. Conflicts are appended to the audit trail.
   *
   * @param specs {@code NAME} or {@code NAME@RANGE}
   * @param prefer {@code NAME=REGISTRY} choices for conflicts
   * @throws MpException {@code PLUGIN_NOT_FOUND}, {@code DEPENDENCY_ERROR}, {@code UNRESOLVED_CONFLICT},
   *     {@code USAGE_ERROR} (bad range or preference), {@code NO_REGISTRIES}, {@code ALL_REGISTRIES_UNAVAILABLE},
   *     {@code SIGNATURE_INVALID} when a resolved plugin's signature does not verify under its registry's keys
   */
  public ResolveResult resolve(List<String> specs, List<String> prefer, boolean explain) {
    ResolveRequest request = Resolutions.request(specs, prefer, explain,
        config().config().defaults().conflictResolution(), Resolutions.lockfile(layout()));
    Resolution resolution = Resolutions.resolve(context, registries(), layout(), request);
    return Resolutions.judge(resolution, policyEngine());
  }

  /**
   * {@code mp install}: resolves {@code specs} together with what the lockfile already requests, checks
   * the policy (every denial is audited; any denial stops the install), then fetches, verifies and
   * installs atomically and updates the lockfile — all under the project lock. With no specs, installs
   * what the lockfile's {@code requested} asks for.
   *
   * @throws MpException {@code POLICY_DENIED}, {@code INTEGRITY_MISMATCH}, {@code UNSAFE_PACKAGE},
   *     {@code PACKAGE_UNAVAILABLE}, the errors of {@link #resolve}; nothing changes on any of them
   */
  public InstallResult install(List<String> specs, List<String> prefer) {
    return withProjectLock(() -> Installs.install(this, specs, prefer));
  }

  /** The facts of a plugin as resolution finds them, for {@code policy check} without {@code --source}. */
  private PluginFacts resolvedFacts(String name, String version) {
    String spec = version == null ? name : name + "@" + version;
    ResolveRequest request = Resolutions.request(List.of(spec), List.of(), false,
        config().config().defaults().conflictResolution(), Resolutions.lockfile(layout())).withAudit(false);
    Resolution resolution = Resolutions.resolve(context, registries(), layout(), request);
    return ResolvedFacts.of(resolution.find(name).orElseThrow(), policyEngine().policy(), true);
  }

  /**
   * Runs {@code action} holding the project lock, so two mp processes never change a project at
   * once; a second process waits and says so.
   */
  @SuppressWarnings("try")
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
   * token:} registries from the environment and of {@code oidc:} registries from their providers.
   *
   * @throws MpException {@code LOCKFILE_ERROR} without a lockfile; fetch and verification errors
   */
  public InstallResult lockInstall() {
    return lockInstall(RegistryAuthorization.tokens(config().config(), context.env(), tokens()));
  }

  /**
   * {@link #lockInstall()} with the caller's credentials (for example the registry client's OIDC tokens).
   * Locked releases their registry has yanked are installed, with a warning (from cached indexes only).
   */
  public InstallResult lockInstall(RegistryAuthorization authorization) {
    YankedPins.warn(this, Resolutions.lockfile(layout()));
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
    return readingTheProject(installer -> new LockfileManager(context, layout(), installer).check());
  }

  /**
   * The lockfile's changes against a base: {@code againstFile}, else git {@code gitRevision}, else git
   * {@code HEAD}.
   */
  public LockDiffResult lockDiff(Path againstFile, String gitRevision) {
    return new LockDiff(context, layout()).diff(againstFile, gitRevision);
  }

  /**
   * A bill of materials of the locked plugins, made from the lockfile alone: the same lockfile gives
   * the same bytes (SPDX's creation time is {@code SOURCE_DATE_EPOCH} when set, else the Unix epoch).
   *
   * @throws MpException {@code LOCKFILE_ERROR} without a lockfile
   */
  public com.fasterxml.jackson.databind.node.ObjectNode lockSbom(SbomFormat format) {
    Lockfile lockfile = new LockfileManager(context, layout(), installer()).require();
    byte[] bytes = LockfileCodec.serialize(lockfile);
    if (format == SbomFormat.CYCLONEDX) {
      return CycloneDxSbom.of(lockfile, bytes);
    }
    return SpdxSbom.of(lockfile, bytes, sourceDateEpoch());
  }

  /** {@code SOURCE_DATE_EPOCH} (seconds since the epoch) when set and valid, else the epoch itself. */
  private java.time.Instant sourceDateEpoch() {
    String value = context.env().get("SOURCE_DATE_EPOCH");
    if (value != null) {
      try {
        return java.time.Instant.ofEpochSecond(Long.parseLong(value.strip()));
      } catch (NumberFormatException e) {
        throw MpException.usage("`SOURCE_DATE_EPOCH` must be a number of seconds, not `" + value + "`",
            "unset it, or set it to e.g. `$(git log -1 --format=%ct)`");
      }
    }
    return java.time.Instant.EPOCH;
  }

  /** The installed plugins and whether each matches the lockfile. */
  public ListResult listInstalled() {
    return listInstalled(false);
  }

  /** {@link #listInstalled()}, with each plugin's capabilities when {@code withCapabilities}. */
  public ListResult listInstalled(boolean withCapabilities) {
    return readingTheProject(installer -> new LockfileManager(context, layout(), installer).list(withCapabilities));
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

  /**
   * Writes or updates the project's wrapper, {@code mpw} and {@code .mp/wrapper.properties} (see
   * {@link ProjectWrapper}); needs no registries configuration.
   *
   * @throws MpException {@code USAGE_ERROR}, {@code CONFIG_ERROR}, {@code PACKAGE_UNAVAILABLE} or
   *     {@code IO_ERROR}, as {@link ProjectWrapper#write} says
   */
  public WrapperResult wrapper(WrapperRequest request) {
    return new ProjectWrapper(context, Version.current(), ProjectWrapper.runningJar()).write(request);
  }

  /**
   * Runs a command that reads the installed plugins and the lockfile while holding the project lock
   * (after finishing an interrupted swap), so that it never sees an install half-swapped by another
   * process: bench/faults.sh saw {@code lock check} report drift while another process installed. A
   * project whose lock folder is missing or not writable (a read-only checkout in CI) cannot be
   * changed by anyone, and is read without the lock.
   */
  private <T> T readingTheProject(java.util.function.Function<Installer, T> action) {
    java.nio.file.Path lockFolder = ProjectLayout.of(context.projectDir(), dev.mp.config.FederationDefaults.DEFAULT)
        .projectLock().toAbsolutePath().getParent();
    if (!java.nio.file.Files.isDirectory(lockFolder) || !java.nio.file.Files.isWritable(lockFolder)) {
      return action.apply(recovered());
    }
    return withProjectLock(() -> {
      Installer installer = installer();
      if (installer.needsRecovery()) {
        installer.recover();
      }
      return action.apply(installer);
    });
  }
}
