package dev.mp.policy;

import dev.mp.config.RegistriesConfig;
import dev.mp.config.RegistrySpec;
import dev.mp.io.EditDistance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a policy in evaluation order, and where they came from. Immutable.
 *
 * @param rules the rules, numbered from 1 in file order; may be empty (then the registry modes decide)
 * @param file the project file they were read from, or null for the built-in default policy
 * @param references the file's {@code extends}, as written
 * @param inherited the organisation policies in force through {@code references}, ancestors first;
 *     empty until they are fetched (see {@code OrganisationPolicies})
 */
public record Policy(List<Rule> rules, Path file, List<PolicyReference> references, List<InheritedPolicy> inherited) {
  public Policy {
    rules = List.copyOf(rules);
    references = List.copyOf(references);
    inherited = List.copyOf(inherited);
  }

  /** A policy that extends nothing. */
  public Policy(List<Rule> rules, Path file) {
    this(rules, file, List.of(), List.of());
  }

  /** This policy with its organisation policies fetched. */
  public Policy withInherited(List<InheritedPolicy> value) {
    return new Policy(rules, file, references, value);
  }

  /** Every rule in force: the inherited ones (ancestors first), then the project's own. */
  public List<Rule> allRules() {
    if (inherited.isEmpty()) {
      return rules;
    }
    List<Rule> all = new ArrayList<>();
    inherited.forEach(p -> all.addAll(p.rules()));
    all.addAll(rules);
    return all;
  }

  /** True when some rule needs to know what plugins can do ({@code capabilities}). */
  public boolean usesCapabilities() {
    return allRules().stream().anyMatch(r -> r.capabilities() != null);
  }

  /** True when some rule looks into plugins' files ({@code content}). */
  public boolean usesContent() {
    return allRules().stream().anyMatch(r -> r.content() != null);
  }

  /** True when the project has no policy file and the built-in default is in use. */
  public boolean isBuiltInDefault() {
    return file == null;
  }

  /** The {@code require} rules, inherited ones first. */
  public List<Rule> requirements() {
    return allRules().stream().filter(r -> r.action() == Action.REQUIRE).toList();
  }

  /**
   * Findings worth a warning: rules whose {@code source} names no configured registry can never match,
   * which in a security policy is most likely a typo.
   */
  public List<String> warnings(RegistriesConfig registries) {
    List<String> names = new ArrayList<>();
    for (RegistrySpec spec : registries.byPriority()) {
      names.add(spec.name());
    }
    List<String> warnings = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule.source() != null && !names.contains(rule.source())) {
        String close = EditDistance.closest(rule.source(), names);
        warnings.add(rule.label() + ": `source: " + rule.source() + "` names no configured registry, so the rule"
            + " never matches" + (close == null ? "" : "; did you mean `" + close + "`?"));
      }
    }
    warnings.addAll(InheritanceConflicts.of(this));
    return warnings;
  }
}
