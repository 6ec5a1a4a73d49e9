package dev.mp.policy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.Glob;
import java.util.List;
import java.util.Objects;

/**
 * What the policy says about one plugin: {@link Allowed} or {@link Denied}, decided either by the first
 * matching rule or, when none matched, by the registry's mode; with the trace of every rule tried.
 * Immutable.
 */
public sealed interface Decision permits Decision.Allowed, Decision.Denied {
  /** The plugin decided about. */
  PluginFacts facts();

  /** The rule that decided, or null when the registry mode did. */
  Rule rule();

  /** The registry mode that decided, or null when a rule did. */
  ModeFallback fallback();

  /** Every rule tried, in order; the last one matched when {@link #rule()} is not null. */
  List<RuleTrace> trace();

  /** How many rules after the deciding one were not tried (the first match decides). */
  int untried();

  boolean allowed();

  /** {@code allowed} or {@code denied}. */
  default String verdict() {
    return allowed() ? "allowed" : "denied";
  }

  /** {@code rule 2 (deny)} or {@code registry mode `allow-listed` of `public`}. */
  default String decidedBy() {
    return rule() != null ? rule().label() : fallback().label();
  }

  /** The rule's reason, or what the rule matched when it gives none, or the registry mode's explanation. */
  default String reason() {
    if (rule() == null) {
      return fallback().explain(facts().name());
    }
    if (rule().reason() != null) {
      return rule().reason();
    }
    String base = "`" + facts().name() + "` matches `" + rule().match(facts().name()).map(Glob::pattern).orElse("?") + "`";
    if (rule().capabilities() != null && facts().capabilities() != null) {
      base += facts().capabilities().firstOf(rule().capabilities())
          .map(c -> " and has " + c.wire() + (facts().capabilities().names(c).isEmpty() ? ""
              : " (" + String.join(", ", facts().capabilities().names(c)) + ")"))
          .orElse("");
    }
    if (rule().content() != null && facts().hiddenText() != null && !facts().hiddenText().isEmpty()) {
      base += " and its files hold hidden text: " + facts().hiddenText().get(0).describe()
          + (facts().hiddenText().size() > 1 ? " (and " + (facts().hiddenText().size() - 1) + " more)" : "");
    }
    return base;
  }

  /** The invariants of every decision: facts present, exactly one decider; returns the trace copied. */
  private static List<RuleTrace> checked(PluginFacts facts, Rule rule, ModeFallback fallback, List<RuleTrace> trace) {
    Objects.requireNonNull(facts);
    if ((rule == null) == (fallback == null)) {
      throw new IllegalArgumentException("exactly one of rule and fallback decides");
    }
    return List.copyOf(trace);
  }

  /** Permitted, by an allow or require rule or an open registry. */
  record Allowed(PluginFacts facts, Rule rule, ModeFallback fallback, List<RuleTrace> trace, int untried)
      implements Decision {
    public Allowed {
      trace = checked(facts, rule, fallback, trace);
    }

    @Override
    public boolean allowed() {
      return true;
    }

    /** True when a {@code require} rule decided: the plugin is mandatory. */
    public boolean required() {
      return rule != null && rule.action() == Action.REQUIRE;
    }
  }

  /**
   * Blocked, by a deny rule or by a registry mode that needs an explicit allow.
   *
   * @param overridden a rule of the project's own policy that would have permitted the plugin, when an
   *     inherited deny decided instead (the conflict, explained in {@link #reason()}), or null
   */
  record Denied(PluginFacts facts, Rule rule, ModeFallback fallback, List<RuleTrace> trace, int untried,
      Rule overridden) implements Decision {
    public Denied {
      trace = checked(facts, rule, fallback, trace);
    }

    /** A denial no project rule contradicts. */
    public Denied(PluginFacts facts, Rule rule, ModeFallback fallback, List<RuleTrace> trace, int untried) {
      this(facts, rule, fallback, trace, untried, null);
    }

    @Override
    public String reason() {
      String base = Decision.super.reason();
      if (overridden == null) {
        return base;
      }
      return base + " (the project's " + overridden.label() + " also matches `" + facts.name() + "` but cannot"
          + " loosen an inherited policy)";
    }

    @Override
    public boolean allowed() {
      return false;
    }

    /**
     * The error for installing the plugin anyway: {@code POLICY_DENIED} (exit 1), naming the deciding
     * rule and the command that explains the decision.
     */
    public MpException toException() {
      String check = "mp policy check " + facts.name()
          + (facts.source() == null ? "" : " --source " + facts.source())
          + (facts.version() == null ? "" : " --version " + facts.version())
          + (facts.trustScore() == null ? "" : " --trust-score " + facts.trustScore())
          + (facts.signature().countsAsSigned() ? " --signed" : "")
          + (facts.capabilities() == null ? "" : facts.capabilities().values().keySet().stream()
              .map(c -> " --capability " + c.wire()).collect(java.util.stream.Collectors.joining()))
          + " --explain";
      return new MpException(ErrorCode.POLICY_DENIED,
          "the policy denies " + facts.describe() + ": " + decidedBy() + ": " + reason(),
          "run `" + check + "` to see every rule tried");
    }
  }
}
