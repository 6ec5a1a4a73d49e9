package dev.mp.policy;

import java.util.Objects;

/**
 * One rule tried during an evaluation: it matched (and decided), or why it was skipped.
 *
 * @param rule the rule
 * @param outcome matched, or the first reason it did not
 * @param detail the facts behind the outcome, for people ({@code pattern `*-backdoor` matches})
 */
public record RuleTrace(Rule rule, Outcome outcome, String detail) {
  public RuleTrace {
    Objects.requireNonNull(rule);
    Objects.requireNonNull(outcome);
    Objects.requireNonNull(detail);
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
    /** Every condition of its {@code unless} holds. */
    UNLESS("unless"),
    /**
     * An allow or require rule on a plugin from an allow-listed registry that neither names the plugin
     * exactly nor carries {@code source:} of that registry.
     */
    ALLOW_LISTED("allow-listed");

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

  /** {@code rule 2 (allow) skipped (source): the plugin is from `public`; the rule is for `local`}. */
  public String describe() {
    return rule.label() + (matched() ? " matched: " : " skipped (" + outcome.wire() + "): ") + detail;
  }
}
