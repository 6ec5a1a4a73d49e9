package dev.mp;

import dev.mp.config.ProjectLayout;
import dev.mp.config.RegistriesConfig;
import dev.mp.config.RegistrySpec;
import dev.mp.install.InstallPlan;
import dev.mp.install.MarketplaceEntry;
import dev.mp.install.PlannedPlugin;
import dev.mp.install.StagedPlugin;
import dev.mp.install.StagedReview;
import dev.mp.capability.Capabilities;
import dev.mp.capability.CapabilityDetector;
import dev.mp.content.PluginScanner;
import dev.mp.policy.PluginFacts;
import dev.mp.policy.PolicyEngine;
import dev.mp.policy.ResolvedFacts;
import dev.mp.install.RegistryAuthorization;
import dev.mp.lock.InstallResult;
import dev.mp.lock.LockedPlugin;
import dev.mp.lock.Lockfile;
import dev.mp.lock.ProjectInstaller;
import dev.mp.policy.Decision;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.PluginNames;
import dev.mp.registry.RegistrySet;
import dev.mp.resolve.Resolution;
import dev.mp.resolve.ResolvedPlugin;
import dev.mp.resolve.SignatureStatus;
import dev.mp.resolve.Version;
import dev.mp.resolve.VersionRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code mp install}: resolve → policy → plan → fetch, verify, install → lockfile, all under the
 * project lock, so the lockfile read at the start is the one replaced at the end.
 *
 * <p>Plugins asked for before (the lockfile's {@code requested}) are resolved again together with the
 * new ones, pinned to their locked version while it still satisfies their range, so installing one
 * plugin never silently upgrades another and the whole set stays consistent.
 */
final class Installs {
  private Installs() {}

  static InstallResult install(Federation federation, List<String> specs, List<String> prefer) {
    Context context = federation.context();
    ProjectLayout layout = federation.layout();
    Lockfile lockfile = Resolutions.lockfile(layout);
    TreeMap<String, String> requested = new TreeMap<>();
    List<String> toResolve = new ArrayList<>();
    for (String spec : specs) {
      DependencySpec parsed = DependencySpec.parse(spec);
      requested.put(parsed.name(), parsed.range());
      toResolve.add(spec);
    }
    lockfile.requested().forEach((name, range) -> {
      if (!requested.containsKey(name)) {
        toResolve.add(keepLocked(name, range, lockfile.plugins().get(name), federation.registries()));
      }
    });
    if (toResolve.isEmpty()) {
      throw MpException.usage("nothing to install: no plugin named and no `requested` in `plugin-lock.json`",
          "name the plugins: `mp install NAME[@RANGE]...`");
    }
    Resolution resolution = Resolutions.resolve(context, federation.registries(), layout,
        Resolutions.request(toResolve, specs, prefer, false, federation.config().config().defaults().conflictResolution(),
            lockfile));
    resolution.warnings().forEach(context.reporter()::warn);
    resolution.conflicts().forEach(conflict -> context.reporter().warn(conflict.summary()));
    ResolveResult judged = Resolutions.judge(resolution, federation.policyEngine());
    refuseDenied(federation, judged);
    RegistriesConfig config = federation.config().config();
    List<PlannedPlugin> planned = new ArrayList<>();
    for (ResolvedPlugin plugin : resolution.plugins()) {
      String problem = PluginNames.installProblem(plugin.name());
      if (problem != null) {
        throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE, "`" + plugin.name() + "` from `" + plugin.registry()
            + "` cannot be installed: " + problem, "ask the registry's maintainers to rename it; nothing was installed");
      }
      PlannedPlugin plan = plan(plugin, config);
      // A plugin named on the command line is resolved afresh; the others keep their locked content.
      planned.add(requested.containsKey(plugin.name()) ? plan
          : LockedPackages.keep(plan, lockfile.plugins().get(plugin.name()), layout.root()));
    }
    InstallPlan plan = new InstallPlan(planned, requested, RegistryAuthorization.tokens(config, context.env(), federation.tokens()),
        review(federation, resolution));
    return new ProjectInstaller(context, layout, federation.installer()).install(plan);
  }

  /**
   * The check of the fetched files before the swap: each plugin's capabilities are read from its verified
   * tree and its marketplace entry, and when a rule is about capabilities or content the policy judges
   * the plugin again on them — a package that turns out to have hooks its registry never declared is
   * denied here, with nothing installed.
   */
  static StagedReview review(Federation federation, Resolution resolution) {
    Map<String, ResolvedPlugin> resolved = new TreeMap<>();
    resolution.plugins().forEach(p -> resolved.put(p.name(), p));
    PolicyEngine engine = federation.policyEngine();
    boolean judge = engine.policy().usesCapabilities() || engine.policy().usesContent();
    return new StagedReview() {
      @Override
      public Capabilities capabilities(StagedPlugin staged) {
        ResolvedPlugin plugin = resolved.get(staged.plan().name());
        return CapabilityDetector.ofFolder(staged.folder(),
            plugin == null ? null : plugin.release().details().entryFields());
      }

      @Override
      public void approve(SortedMap<String, StagedPlugin> staged) {
        if (!judge) {
          return;
        }
        List<Decision.Denied> denied = new ArrayList<>();
        staged.forEach((name, plugin) -> {
          PluginFacts facts = ResolvedFacts.of(resolved.get(name)).withCapabilities(plugin.capabilities());
          if (engine.policy().usesContent()) {
            facts = facts.withHiddenText(PluginScanner.scan(plugin.folder()));
          }
          Decision decision = engine.evaluate(facts);
          if (decision instanceof Decision.Denied d) {
            denied.add(d);
          }
        });
        refuse(federation, denied, "its fetched files");
      }
    };
  }

  /** The spec that keeps a previously requested plugin at its locked version while it fits the range. */
  static String keepLocked(String name, String range, LockedPlugin locked, RegistrySet registries) {
    if (locked != null && fits(range, locked.version()) && LockedPackages.pinVersion(name, range, locked, registries)) {
      return name + "@" + locked.version();
    }
    return range.equals("*") ? name : name + "@" + range;
  }

  private static boolean fits(String range, String version) {
    try {
      return VersionRange.parse(range).test(Version.parse(version));
    } catch (MpException e) {
      return false; // a range the resolver will report with its own error
    }
  }

  /** Records every denial in the audit trail, then fails naming them all. */
  private static void refuseDenied(Federation federation, ResolveResult judged) {
    refuse(federation, judged.decisions().values().stream()
        .filter(d -> !d.allowed()).map(Decision.Denied.class::cast).toList(), "");
  }

  /** Records {@code denied} in the audit trail and fails naming them all; nothing when it is empty. */
  private static void refuse(Federation federation, List<Decision.Denied> denied, String judgedOn) {
    if (denied.isEmpty()) {
      return;
    }
    denied.forEach(federation::recordPolicyDenial);
    MpException first = denied.get(0).toException();
    if (denied.size() == 1) {
      if (judgedOn.isEmpty()) {
        throw first;
      }
      throw new MpException(ErrorCode.POLICY_DENIED, first.getMessage() + " (judged on " + judgedOn
          + "; nothing was installed)", first.hints(), null);
    }
    String all = denied.stream().map(d -> d.facts().describe() + " (" + d.decidedBy() + ": " + d.reason() + ")")
        .collect(Collectors.joining("; "));
    throw new MpException(ErrorCode.POLICY_DENIED, "the policy denies " + denied.size() + " plugins"
        + (judgedOn.isEmpty() ? "" : " (judged on their fetched files; nothing was installed)") + ": " + all,
        first.hints(), null);
  }

  private static PlannedPlugin plan(ResolvedPlugin plugin, RegistriesConfig config) {
    String location = config.find(plugin.registry()).map(RegistrySpec::url).orElse(plugin.registry());
    return new PlannedPlugin(plugin.name(), plugin.version(), plugin.registry(), location, plugin.source(),
        plugin.integrity(), plugin.release().archiveIntegrity(), plugin.dependencyNames(),
        plugin.signature() == SignatureStatus.VERIFIED, plugin.signature() == SignatureStatus.CLAIMED,
        plugin.trustScore(), plugin.description(),
        MarketplaceEntry.of(plugin.release().details().entryFields(), plugin.release().dependencies()), true);
  }
}
