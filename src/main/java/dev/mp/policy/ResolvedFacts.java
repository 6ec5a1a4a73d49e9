package dev.mp.policy;

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
