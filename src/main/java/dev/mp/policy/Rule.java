package dev.mp.policy;

import dev.mp.io.Glob;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One rule of the policy, as validated by {@link PolicyLoader}. Immutable.
 *
 * @param number the rule's place in evaluation order, from 1
 * @param line the line of the rule in its file (0 when unknown)
 * @param action allow, deny or require
 * @param plugins the name patterns; never empty
 * @param source only plugins resolved from this registry, or null for any
 * @param versions only these versions, or null for any
 * @param unless the rule is skipped when all of these hold, or null
 * @param reason why, for people, or null
 */
public record Rule(
    int number,
    int line,
    Action action,
    List<Glob> plugins,
    String source,
    VersionFilter versions,
    Unless unless,
    String reason) {
  public Rule {
    Objects.requireNonNull(action);
    plugins = List.copyOf(plugins);
    if (plugins.isEmpty()) {
      throw new IllegalArgumentException("a rule needs at least one plugin pattern");
    }
  }

  /** The first pattern that matches {@code name}. */
  public Optional<Glob> match(String name) {
    for (Glob glob : plugins) {
      if (glob.matches(name)) {
        return Optional.of(glob);
      }
    }
    return Optional.empty();
  }

  /** True when one of the patterns matches {@code name}. */
  public boolean matchesName(String name) {
    for (Glob glob : plugins) {
      if (glob.matches(name)) {
        return true;
      }
    }
    return false;
  }

  /** True when one of the patterns names {@code name} literally (what allow-listed registries ask). */
  public boolean namesExactly(String name) {
    return plugins.stream().anyMatch(g -> g.namesExactly(name));
  }

  /** True when the name and filters (not {@code unless}) select {@code facts}. */
  public boolean selects(PluginFacts facts) {
    return matchesName(facts.name())
        && (source == null || source.equals(facts.source()))
        && (versions == null || versions.includes(facts.version()));
  }

  /** {@code *-backdoor, *-malware}. */
  public String patternsText() {
    return plugins.stream().map(Glob::pattern).collect(Collectors.joining(", "));
  }

  /** {@code rule 2 (deny)}. */
  public String label() {
    return "rule " + number + " (" + action.wire() + ")";
  }

  /** One line: {@code deny *-backdoor from `public` versions `<1.4.2` unless trust_score >= 80}. */
  public String describe() {
    StringBuilder out = new StringBuilder(action.wire()).append(' ').append(patternsText());
    if (source != null) {
      out.append(" from `").append(source).append('`');
    }
    if (versions != null) {
      out.append(" versions `").append(versions.text()).append('`');
    }
    if (unless != null) {
      out.append(" unless ").append(unless.text());
    }
    return out.toString();
  }
}
