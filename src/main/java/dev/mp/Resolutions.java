package dev.mp;

import dev.mp.audit.AuditLog;
import dev.mp.config.ProjectLayout;
import dev.mp.install.GitTagLister;
import dev.mp.lock.LockedPlugin;
import dev.mp.lock.Lockfile;
import dev.mp.lock.LockfileCodec;
import dev.mp.policy.Decision;
import dev.mp.policy.PolicyEngine;
import dev.mp.policy.ResolvedFacts;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.RegistrySet;
import dev.mp.resolve.RegistryResolver;
import dev.mp.resolve.Resolution;
import dev.mp.resolve.ResolveRequest;
import dev.mp.resolve.ResolvedPlugin;
import dev.mp.resolve.SignatureVerification;
import dev.mp.sign.VerifiedSignatures;
import dev.mp.config.ConflictStrategy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Resolution as the commands use it: the request built from the command line, the project's
 * conflict strategy and the lockfile's remembered sources; the registries loaded once; the audit
 * trail; and the policy's decision on each resolved plugin.
 */
final class Resolutions {
  private Resolutions() {}

  /**
   * {@code specs} with {@code --prefer} values, the configured strategy and the lockfile's sources; the
   * lockfile's versions keep yanked releases eligible for every plugin but those named in {@code specs}
   * (asking for a plugin by name is a new resolution of it, as {@code cargo update -p} is).
   */
  static ResolveRequest request(
      List<String> specs, List<String> prefer, boolean explain, ConflictStrategy strategy, Lockfile lockfile) {
    return request(specs, specs, prefer, explain, strategy, lockfile);
  }

  /** {@link #request} where only the plugins of {@code askedFor} are resolved anew; the others keep their locked release. */
  static ResolveRequest request(List<String> specs, List<String> askedFor, List<String> prefer, boolean explain,
      ConflictStrategy strategy, Lockfile lockfile) {
    Map<String, String> locked = new TreeMap<>();
    Map<String, String> versions = new TreeMap<>();
    for (Map.Entry<String, LockedPlugin> plugin : lockfile.plugins().entrySet()) {
      locked.put(plugin.getKey(), plugin.getValue().source());
      versions.put(plugin.getKey(), plugin.getValue().version());
    }
    for (String spec : askedFor) {
      versions.remove(DependencySpec.parse(spec).name());
    }
    return ResolveRequest.of(specs)
        .withStrategy(strategy)
        .withPreferences(ResolveRequest.parsePreferences(prefer))
        .withLockedSources(locked)
        .withLockedVersions(versions)
        .withExplain(explain);
  }

  /**
   * Resolves across the available registries, appending conflicts to the audit trail, then verifies
   * the signatures of the resolved plugins (before any policy sees them, so {@code signed} is a fact).
   */
  static Resolution resolve(Context context, RegistrySet registries, ProjectLayout layout, ResolveRequest request) {
    registries.requireAvailable();
    Resolution resolution = new RegistryResolver(registries, context, new AuditLog(layout.auditFile(), context.clock()),
        new GitTagLister(context.env(), context.offline())).resolve(request);
    return SignatureVerification.of(registries, VerifiedSignatures.inCache(context.cacheDir())).verify(resolution);
  }

  /** The policy's decision on every resolved plugin, attached to the trace when there is one. */
  static ResolveResult judge(Resolution resolution, PolicyEngine engine) {
    TreeMap<String, Decision> decisions = new TreeMap<>();
    Resolution judged = resolution;
    // Capabilities cost a read of each local plugin's manifest: only for `--explain` or a rule about them.
    boolean capabilities = resolution.trace() != null || engine.policy().usesCapabilities();
    boolean content = engine.policy().usesContent();
    for (ResolvedPlugin plugin : resolution.plugins()) {
      Decision decision = engine.evaluate(ResolvedFacts.of(plugin, capabilities, content));
      decisions.put(plugin.name(), decision);
      if (resolution.trace() != null) {
        // The verdict's text (every rule tried) is only shown by `--explain`.
        judged = judged.withPolicy(plugin.name(), ResolvedFacts.verdict(decision));
      }
    }
    return new ResolveResult(judged, decisions);
  }

  /** The lockfile, or an empty one when the project has none. */
  static Lockfile lockfile(ProjectLayout layout) {
    Optional<Lockfile> lockfile = LockfileCodec.load(layout.lockfile(), ProjectLayout.LOCKFILE);
    return lockfile.isPresent() ? lockfile.get() : Lockfile.empty();
  }
}
