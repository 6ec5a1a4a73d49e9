package dev.mp.policy;

import dev.mp.capability.Capabilities;
import dev.mp.capability.Capability;
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
 * @param capabilities only plugins that have at least one of these, or null for any
 * @param content only plugins whose files hold this ({@code deny} rules only), or null
 * @param origin the organisation policy the rule is inherited from, or null for the project's own
 */
public record Rule(
    int number,
    int line,
    Action action,
    List<Glob> plugins,
    String source,
    VersionFilter versions,
    Unless unless,
    String reason,
    List<Capability> capabilities,
    ContentCondition content,
    RuleOrigin origin) {
  public Rule {
    Objects.requireNonNull(action);
    plugins = List.copyOf(plugins);
    if (plugins.isEmpty()) {
      throw new IllegalArgumentException("a rule needs at least one plugin pattern");
    }
    capabilities = capabilities == null ? null : List.copyOf(capabilities);
    if (capabilities != null && capabilities.isEmpty()) {
      throw new IllegalArgumentException("a `capabilities` condition needs at least one capability");
    }
    if (content != null && action != Action.DENY) {
      throw new IllegalArgumentException("a `content` condition is for deny rules only");
    }
  }

  /** A rule of the project's own file without capability or content conditions. */
  public Rule(int number, int line, Action action, List<Glob> plugins, String source, VersionFilter versions,
      Unless unless, String reason) {
    this(number, line, action, plugins, source, versions, unless, reason, null, null, null);
  }

  /** This rule as inherited from {@code value}. */
  public Rule withOrigin(RuleOrigin value) {
    return new Rule(number, line, action, plugins, source, versions, unless, reason, capabilities, content, value);
  }

  /** True for a rule of an organisation policy. */
  public boolean inherited() {
    return origin != null;
  }

  /** True when its {@code capabilities} condition (if any) holds for what is known of the plugin. */
  public boolean capabilitiesHold(Capabilities known) {
    return capabilities == null || (known != null && known.firstOf(capabilities).isPresent());
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

  /** True when the name and filters (not {@code unless}, not {@code content}) select {@code facts}. */
  public boolean selects(PluginFacts facts) {
    return matchesName(facts.name())
        && (source == null || source.equals(facts.source()))
        && (versions == null || versions.includes(facts.version()))
        && capabilitiesHold(facts.capabilities());
  }

  /** {@code *-backdoor, *-malware}. */
  public String patternsText() {
    return plugins.stream().map(Glob::pattern).collect(Collectors.joining(", "));
  }

  /** {@code rule 2 (deny)}, or {@code rule 2 (deny) of `https://org.example/policy.yaml`} when inherited. */
  public String label() {
    return "rule " + number + " (" + action.wire() + ")" + (origin == null ? "" : " of `" + origin.location() + "`");
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
    if (capabilities != null) {
      out.append(" with ").append(String.join(" or ", capabilities.stream().map(Capability::wire).toList()));
    }
    if (content != null) {
      out.append(" with ").append(content.wire()).append(" content");
    }
    if (unless != null) {
      out.append(" unless ").append(unless.text());
    }
    return out.toString();
  }
}
