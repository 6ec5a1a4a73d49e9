package dev.mp.policy;

import dev.mp.capability.Capabilities;
import dev.mp.capability.CapabilityDetector;
import dev.mp.content.PluginScanner;
import dev.mp.registry.PackageSource;
import dev.mp.resolve.PolicyVerdict;
import dev.mp.resolve.ResolvedPlugin;
import dev.mp.resolve.SignatureStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The bridge from resolution to policy: the facts of a resolved plugin, and a decision in the form the
 * resolver's {@code --explain} trace shows.
 */
public final class ResolvedFacts {
  private ResolvedFacts() {}

  /** The facts the policy judges: name, version, winning registry, trust score, signature state. */
  public static PluginFacts of(ResolvedPlugin plugin) {
    return new PluginFacts(plugin.name(), plugin.version(), plugin.registry(), plugin.trustScore(),
        state(plugin.signature()));
  }

  /**
   * What a resolved plugin can do, as far as is known before it is fetched: read from its folder and
   * marketplace entry when the package is a local folder, from the entry's declarations otherwise, or
   * null when its registry says nothing (an index entry: known only once its files are fetched).
   */
  public static Capabilities capabilities(ResolvedPlugin plugin) {
    String entryFields = plugin.release().details().entryFields();
    if (plugin.source() instanceof PackageSource.Folder folder) {
      return CapabilityDetector.ofFolder(folder.path(), entryFields);
    }
    return entryFields == null ? null : CapabilityDetector.ofEntry(entryFields);
  }

  /**
   * The facts of a resolved plugin with what the policy's rules need and is at hand before fetching:
   * capabilities when a rule has a {@code capabilities} condition (or {@code withCapabilities}), and the
   * hidden text of a local folder when a rule has a {@code content} condition.
   */
  public static PluginFacts of(ResolvedPlugin plugin, Policy policy, boolean withCapabilities) {
    return of(plugin, withCapabilities || policy.usesCapabilities(), policy.usesContent());
  }

  /**
   * The facts of a resolved plugin, with its capabilities when {@code withCapabilities} and the hidden
   * text of its local folder when {@code withContent} (callers judging many plugins ask the policy once).
   */
  public static PluginFacts of(ResolvedPlugin plugin, boolean withCapabilities, boolean withContent) {
    PluginFacts facts = of(plugin);
    if (withCapabilities) {
      facts = facts.withCapabilities(capabilities(plugin));
    }
    if (withContent && plugin.source() instanceof PackageSource.Folder folder) {
      facts = facts.withHiddenText(PluginScanner.scan(folder.path()));
    }
    return facts;
  }

  static SignatureState state(SignatureStatus status) {
    switch (status) {
      case VERIFIED:
        return SignatureState.VERIFIED;
      case CLAIMED:
        return SignatureState.CLAIMED;
      case UNSIGNED:
        return SignatureState.UNSIGNED;
      default:
        throw new AssertionError(status);
    }
  }

  /** {@code decision} as a trace entry: a summary and every rule tried. */
  public static PolicyVerdict verdict(Decision decision) {
    List<String> steps = new ArrayList<>();
    for (RuleTrace rule : decision.trace()) {
      steps.add(rule.describe());
    }
    if (decision.rule() == null) {
      steps.add("no rule matched: " + decision.decidedBy() + " decides");
    }
    if (decision.untried() > 0) {
      steps.add(decision.untried() + " later rule(s) not tried: the first match decides");
    }
    String summary = decision.verdict() + " by " + decision.decidedBy() + ": " + decision.reason();
    return new PolicyVerdict() {
      @Override
      public boolean allowed() {
        return decision.allowed();
      }

      @Override
      public String summary() {
        return summary;
      }

      @Override
      public List<String> steps() {
        return steps;
      }
    };
  }
}
