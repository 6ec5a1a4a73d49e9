package dev.mp.policy;

import dev.mp.capability.Capability;
import dev.mp.io.Glob;
import java.util.List;
import java.util.Objects;

/**
 * One rule tried during an evaluation: it matched (and decided), or why it was skipped. The words
 * for people ({@link #detail()}) are derived on demand, so evaluating many plugins against many rules
 * builds no text nobody reads.
 *
 * @param rule the rule
 * @param outcome matched, or the first reason it did not
 * @param facts the plugin it was tried against
 */
public record RuleTrace(Rule rule, Outcome outcome, PluginFacts facts) {
  public RuleTrace {
    Objects.requireNonNull(rule);
    Objects.requireNonNull(outcome);
    Objects.requireNonNull(facts);
  }

  /** What happened to a rule, in the order the checks are made. */
  public enum Outcome {
    /** The rule matched and decided. */
    MATCHED("matched"),
    /** None of its patterns matches the name. */
    PATTERN("pattern"),
    /** Its {@code source} is another registry (or the plugin's is unknown). */
    SOURCE("source"),
    /** The version is outside its {@code versions}, unknown, or not semver. */
    VERSIONS("versions"),
    /** The plugin has none of its {@code capabilities}, or they are not known yet. */
    CAPABILITIES("capabilities"),
    /** The plugin's files hold none of its {@code content}, or they were not scanned. */
    CONTENT("content"),
    /** Every condition of its {@code unless} holds. */
    UNLESS("unless"),
    /**
     * An allow or require rule on a plugin from an allow-listed registry that neither names the plugin
     * exactly nor carries {@code source:} of that registry.
     */
    ALLOW_LISTED("allow-listed"),
    /**
     * An inherited allow or require rule matched: it ends that organisation policy's say without
     * deciding, and the policies after it (the project's last) decide — inheritance only tightens.
     */
    PASSED("passed");

    private final String wire;

    Outcome(String wire) {
      this.wire = wire;
    }

    /** {@code matched}, or the skip reason as a word: {@code pattern}, {@code source}, ... */
    public String wire() {
      return wire;
    }
  }

  public boolean matched() {
    return outcome == Outcome.MATCHED;
  }

  /** The facts behind the outcome, for people: {@code `*-backdoor` matches `evil-backdoor`}. */
  public String detail() {
    String name = "`" + facts.name() + "`";
    String pattern = "`" + rule.match(facts.name()).map(Glob::pattern).orElse("") + "`";
    switch (outcome) {
      case PATTERN:
        return rule.plugins().size() == 1
            ? "`" + rule.plugins().get(0).pattern() + "` does not match " + name
            : "none of `" + String.join("`, `", rule.plugins().stream().map(Glob::pattern).toList()) + "` matches " + name;
      case SOURCE:
        return "the rule is for `" + rule.source() + "`; "
            + (facts.source() == null ? "the plugin's registry is unknown" : "the plugin is from `" + facts.source() + "`");
      case VERSIONS:
        String range = "`" + rule.versions().text() + "`";
        if (facts.version() == null) {
          return "the version is unknown, so it cannot be inside " + range;
        }
        return VersionFilter.isSemver(facts.version())
            ? "version " + facts.version() + " is outside " + range
            : "version `" + facts.version() + "` is not semver, so it cannot be inside " + range;
      case CAPABILITIES:
        String wanted = String.join(", ", rule.capabilities().stream().map(Capability::wire).toList());
        if (facts.capabilities() == null) {
          return pattern + " matches, but what the plugin can do is not known yet (its files are read at install)";
        }
        return pattern + " matches, but the plugin has none of " + wanted + " (it has: "
            + facts.capabilities().describe() + ")";
      case CONTENT:
        if (facts.hiddenText() == null) {
          return pattern + " matches, but the plugin's files were not scanned (they are, at install and by"
              + " `mp policy enforce`)";
        }
        return pattern + " matches, but no " + rule.content().wire() + " was found in the plugin's files";
      case PASSED:
        return pattern + " matches " + name + conditions() + "; an inherited " + rule.action().wire()
            + " does not decide: the policies after it do (inheritance only tightens)";
      case UNLESS:
        return pattern + " matches, but every `unless` condition holds: " + unlessChecks();
      case ALLOW_LISTED:
        return pattern + " matches, but `" + facts.source() + "` is allow-listed: an " + rule.action().wire()
            + " rule counts only when it names " + name + " exactly or carries `source: " + facts.source() + "`";
      default:
        return pattern + " matches " + name + conditions()
            + (rule.unless() == null ? "" : "; `unless` does not apply: " + unlessChecks());
    }
  }

  /** What the capability and content conditions found, when the rule has them. */
  private String conditions() {
    StringBuilder out = new StringBuilder();
    if (rule.capabilities() != null && facts.capabilities() != null) {
      Capability found = facts.capabilities().firstOf(rule.capabilities()).orElse(null);
      if (found != null) {
        var names = facts.capabilities().names(found);
        out.append(", which has ").append(found.wire()).append(names.isEmpty() ? "" : " (" + String.join(", ", names) + ")");
      }
    }
    if (rule.content() != null && facts.hiddenText() != null && !facts.hiddenText().isEmpty()) {
      int count = facts.hiddenText().size();
      out.append(out.length() == 0 ? ", whose" : " and whose").append(" files hold hidden text (").append(count)
          .append(count == 1 ? " finding: " : " findings, first: ").append(facts.hiddenText().get(0).describe()).append(')');
    }
    return out.toString();
  }

  private String unlessChecks() {
    List<Unless.Check> checks = rule.unless().check(facts);
    return String.join(", ", checks.stream().map(Unless.Check::describe).toList());
  }

  /** {@code rule 2 (allow) skipped (source): the rule is for `local`; the plugin is from `public`}. */
  public String describe() {
    String how = matched() ? " matched: " : outcome == Outcome.PASSED ? " passed: " : " skipped (" + outcome.wire() + "): ";
    return rule.label() + how + detail();
  }
}
