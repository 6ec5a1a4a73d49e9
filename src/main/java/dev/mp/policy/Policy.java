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
 */
public record Policy(List<Rule> rules, Path file) {
  public Policy {
    rules = List.copyOf(rules);
  }

  /** True when the project has no policy file and the built-in default is in use. */
  public boolean isBuiltInDefault() {
    return file == null;
  }

  /** The {@code require} rules, in order. */
  public List<Rule> requirements() {
    return rules.stream().filter(r -> r.action() == Action.REQUIRE).toList();
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
    return warnings;
  }
}
