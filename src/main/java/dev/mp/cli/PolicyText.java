package dev.mp.cli;

import dev.mp.policy.Decision;
import dev.mp.policy.RuleTrace;
import java.util.ArrayList;
import java.util.List;

/** How decisions and their traces look in text output. */
final class PolicyText {
  private PolicyText() {}

  /** {@code denied by rule 1 (deny): reason}, or {@code required by rule 3 (require): ...}. */
  static String verdict(Decision decision) {
    String verb = decision instanceof Decision.Allowed allowed && allowed.required() ? "required" : decision.verdict();
    return verb + " by " + decision.decidedBy() + ": " + decision.reason();
  }

  /** The facts in one line: {@code version 1.2.0, registry `public`, trust score 85, signature verified}. */
  static String facts(Decision decision) {
    var facts = decision.facts();
    return "version " + (facts.version() == null ? "unknown" : facts.version())
        + ", registry " + (facts.source() == null ? "unknown" : "`" + facts.source() + "`")
        + ", trust score " + (facts.trustScore() == null ? "unknown" : facts.trustScore())
        + ", signature " + facts.signature().wire();
  }

  /** Every rule tried, then what decided, each line starting with {@code indent}. */
  static List<String> trace(Decision decision, String indent) {
    List<String> lines = new ArrayList<>();
    if (decision.trace().isEmpty()) {
      lines.add(indent + "no rules to try");
    }
    for (RuleTrace tried : decision.trace()) {
      lines.add(indent + tried.describe());
    }
    if (decision.rule() == null) {
      lines.add(indent + decision.decidedBy() + ": " + decision.reason() + " → " + decision.verdict());
    } else if (decision.untried() > 0 && decision.rule().inherited()) {
      lines.add(indent + decision.untried() + " later rule(s) not tried: an inherited deny decides");
    } else if (decision.untried() > 0) {
      int next = decision.rule().number() + 1;
      int last = decision.rule().number() + decision.untried();
      lines.add(indent + (next == last ? "rule " + next + " was" : "rules " + next + "-" + last + " were")
          + " not tried: the first matching rule decides");
    }
    return lines;
  }
}
