package dev.mp.policy;

import dev.mp.io.Glob;
import java.util.List;
import java.util.Objects;

/**
 * A pattern of a {@code require} rule that no locked, allowed plugin satisfies.
 *
 * @param rule the require rule
 * @param pattern the pattern nothing satisfies
 * @param notCompliant plugins that match the pattern but are denied or unlocked, sorted (they do not count)
 */
public record UnmetRequirement(Rule rule, Glob pattern, List<String> notCompliant) {
  public UnmetRequirement {
    Objects.requireNonNull(rule);
    Objects.requireNonNull(pattern);
    notCompliant = List.copyOf(notCompliant);
  }

  /** {@code rule 3 (require) `audit-*`: no installed plugin matches}. */
  public String describe() {
    String base = rule.label() + " `" + pattern.pattern() + "`: no installed plugin satisfies it";
    return notCompliant.isEmpty() ? base : base + " (" + String.join(", ", notCompliant.stream().map(n -> "`" + n + "`").toList())
        + " matched but " + (notCompliant.size() == 1 ? "is" : "are") + " not compliant)";
  }
}
