package dev.mp.policy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.capability.Capabilities;
import dev.mp.config.PolicyMode;
import dev.mp.config.RegistriesConfig;
import dev.mp.config.RegistrySpec;
import dev.mp.io.EditDistance;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates a policy exactly as DESIGN.md §4 says: the rules in order, the first that matches decides;
 * a rule matches when one of its patterns matches the name, its {@code source} (if any) is the plugin's
 * registry, its {@code versions} (if any) include the version, and not every condition of its {@code
 * unless} holds. For a plugin from an {@code allow-listed} registry, allow and require rules count only
 * when they name the plugin without wildcards or carry {@code source:} of that registry. When no rule
 * matches, the registry's mode decides. Immutable and thread-safe.
 */
public final class PolicyEngine {
  private final Policy policy;
  private final RegistriesConfig registries;

  public PolicyEngine(Policy policy, RegistriesConfig registries) {
    this.policy = Objects.requireNonNull(policy);
    this.registries = Objects.requireNonNull(registries);
  }

  public Policy policy() {
    return policy;
  }

  /** True when {@code registry} is configured with {@code keys} (so its index's claims do not count). */
  boolean hasKeys(String registry) {
    return registry != null && registries.find(registry).map(spec -> !spec.keys().isEmpty()).orElse(false);
  }

  /**
   * The decision about {@code facts}, with its trace. Never throws for any facts.
   *
   * <p>Organisation policies ({@code extends}) are asked first, each on its own (first match wins
   * within it): one whose first matching rule is a {@code deny} decides — nothing below it can loosen
   * that; one whose first match permits, or that has no matching rule, leaves the decision to the next.
   * The project's own rules come last, and then the registry's mode.
   */
  public Decision evaluate(PluginFacts facts) {
    RegistrySpec registry = facts.source() == null ? null : registries.find(facts.source()).orElse(null);
    boolean allowListed = registry != null && registry.policy() == PolicyMode.ALLOW_LISTED;
    int total = policy.allRules().size();
    List<RuleTrace> trace = new ArrayList<>(total);
    for (InheritedPolicy inherited : policy.inherited()) {
      for (Rule rule : inherited.rules()) {
        RuleTrace.Outcome outcome = outcome(rule, facts, false);
        if (outcome == RuleTrace.Outcome.MATCHED && rule.action().permits()) {
          trace.add(new RuleTrace(rule, RuleTrace.Outcome.PASSED, facts));
          break;
        }
        trace.add(new RuleTrace(rule, outcome, facts));
        if (outcome == RuleTrace.Outcome.MATCHED) {
          return new Decision.Denied(facts, rule, null, trace, total - trace.size(), loosening(facts, allowListed));
        }
      }
    }
    List<Rule> rules = policy.rules();
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      RuleTrace tried = new RuleTrace(rule, outcome(rule, facts, allowListed), facts);
      trace.add(tried);
      if (tried.matched()) {
        int untried = rules.size() - i - 1;
        return rule.action().permits()
            ? new Decision.Allowed(facts, rule, null, trace, untried)
            : new Decision.Denied(facts, rule, null, trace, untried);
      }
    }
    ModeFallback fallback = new ModeFallback(facts.source(), registry == null ? null : registry.policy());
    return fallback.allows()
        ? new Decision.Allowed(facts, null, fallback, trace, 0)
        : new Decision.Denied(facts, null, fallback, trace, 0);
  }

  /** The project's rule that would have permitted {@code facts}, had no inherited deny decided; or null. */
  private Rule loosening(PluginFacts facts, boolean allowListed) {
    for (Rule rule : policy.rules()) {
      if (outcome(rule, facts, allowListed) == RuleTrace.Outcome.MATCHED) {
        return rule.action().permits() ? rule : null;
      }
    }
    return null;
  }

  /** The first reason {@code rule} does not decide {@code facts}, in DESIGN.md's order, or MATCHED. */
  private static RuleTrace.Outcome outcome(Rule rule, PluginFacts facts, boolean allowListed) {
    if (!rule.matchesName(facts.name())) {
      return RuleTrace.Outcome.PATTERN;
    }
    if (rule.source() != null && !rule.source().equals(facts.source())) {
      return RuleTrace.Outcome.SOURCE;
    }
    if (rule.versions() != null && !rule.versions().includes(facts.version())) {
      return RuleTrace.Outcome.VERSIONS;
    }
    if (!rule.capabilitiesHold(facts.capabilities())) {
      return RuleTrace.Outcome.CAPABILITIES;
    }
    if (rule.content() != null && (facts.hiddenText() == null || facts.hiddenText().isEmpty())) {
      return RuleTrace.Outcome.CONTENT;
    }
    if (rule.unless() != null && rule.unless().holds(facts)) {
      return RuleTrace.Outcome.UNLESS;
    }
    if (allowListed && rule.action().permits() && rule.source() == null && !rule.namesExactly(facts.name())) {
      return RuleTrace.Outcome.ALLOW_LISTED;
    }
    return RuleTrace.Outcome.MATCHED;
  }

  /**
   * Checks one plugin, as {@code mp policy check} does. With {@code --source}, the facts are exactly
   * the request's (a "what if"); without it, they come from {@code resolver}, and the request's flags
   * override what resolution found.
   *
   * @param resolver where facts come from when the request names no source, or null when none is wired
   * @throws MpException {@code USAGE_ERROR} when the source is missing and there is no resolver; {@code
   *     REGISTRY_NOT_FOUND} when the source names no configured registry; whatever the resolver throws
   */
  public PolicyCheckResult check(PolicyCheckRequest request, FactsResolver resolver) {
    if (request.name().isBlank()) {
      throw MpException.usage("a plugin name is required", "run `mp policy check NAME --source R`");
    }
    PluginFacts facts;
    boolean resolved = request.source() == null;
    if (!resolved) {
      requireRegistry(request.source());
      facts = new PluginFacts(request.name(), request.version(), request.source(), request.trustScore(),
          request.signed() ? SignatureState.VERIFIED : SignatureState.UNSIGNED);
    } else if (resolver == null) {
      List<String> names = registries.byPriority().stream().map(RegistrySpec::name).toList();
      throw MpException.usage("`mp policy check " + request.name() + "` needs `--source R`: the registry the plugin"
              + " comes from decides which rules and which mode apply",
          "pass the registry, e.g. `mp policy check " + request.name() + " --source "
              + (names.isEmpty() ? "R" : names.get(0)) + "`" + (names.isEmpty() ? "" : " (registries: "
              + String.join(", ", names) + ")"));
    } else {
      PluginFacts found = resolver.resolve(request.name(), request.version());
      facts = new PluginFacts(found.name(), found.version(), found.source(),
          request.trustScore() != null ? request.trustScore() : found.trustScore(),
          request.signed() ? SignatureState.VERIFIED : found.signature(), found.capabilities(), found.hiddenText());
    }
    if (request.capabilities() != null) {
      Capabilities.Builder given = new Capabilities.Builder();
      request.capabilities().forEach(given::add);
      facts = facts.withCapabilities(given.build());
    }
    return new PolicyCheckResult(policy, facts, resolved, evaluate(facts));
  }

  private void requireRegistry(String name) {
    if (registries.find(name).isEmpty()) {
      List<String> names = registries.byPriority().stream().map(RegistrySpec::name).toList();
      String close = EditDistance.closest(name, names);
      throw new MpException(ErrorCode.REGISTRY_NOT_FOUND, "no registry named `" + name + "` is configured",
          close != null ? "did you mean `" + close + "`?"
              : names.isEmpty() ? "add one with `mp registry add NAME URL`" : "registries: " + String.join(", ", names));
    }
  }
}
