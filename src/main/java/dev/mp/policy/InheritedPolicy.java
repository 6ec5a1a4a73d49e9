package dev.mp.policy;

import java.util.List;
import java.util.Objects;

/**
 * An organisation policy in force through {@code extends}: its rules (each carrying {@code origin}) and
 * what it extends in turn (already flattened into the project's list, ancestors first).
 *
 * @param origin where it comes from and its place in evaluation order
 * @param rules its rules, numbered from 1 in its file
 * @param references its own {@code extends}, as written
 * @param signed true when its signature verified under its registry's keys
 */
public record InheritedPolicy(RuleOrigin origin, List<Rule> rules, List<PolicyReference> references, boolean signed) {
  public InheritedPolicy {
    Objects.requireNonNull(origin);
    rules = List.copyOf(rules);
    references = List.copyOf(references);
  }
}
