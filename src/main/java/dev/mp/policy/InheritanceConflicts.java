package dev.mp.policy;

import dev.mp.io.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's rules that try to loosen an organisation policy: an {@code allow} or {@code require}
 * that names a plugin (without wildcards) which an inherited policy denies outright — its first rule
 * for that name is a {@code deny} with no other condition. Inheritance only tightens, so such a rule
 * has no effect for that plugin; saying so when the policy is loaded spares a surprise at install.
 * (Every decision also explains itself: see {@code Decision.Denied#overridden}.) Stateless.
 */
final class InheritanceConflicts {
  private InheritanceConflicts() {}

  /** One warning per project rule and plugin name it cannot allow. */
  static List<String> of(Policy policy) {
    List<String> warnings = new ArrayList<>();
    if (policy.inherited().isEmpty()) {
      return warnings;
    }
    for (Rule local : policy.rules()) {
      if (!local.action().permits()) {
        continue;
      }
      for (Glob pattern : local.plugins()) {
        if (pattern.hasWildcards()) {
          continue;
        }
        String name = pattern.pattern();
        for (InheritedPolicy inherited : policy.inherited()) {
          Rule deny = outrightDeny(inherited, name);
          if (deny != null) {
            warnings.add(local.label() + " " + local.action().wire() + "s `" + name + "`, but " + deny.label()
                + " denies it: an inherited deny cannot be loosened (inheritance only tightens), so the "
                + local.action().wire() + " has no effect for `" + name + "`");
            break;
          }
        }
      }
    }
    return warnings;
  }

  /** The inherited policy's first rule for {@code name}, when it denies without any other condition. */
  private static Rule outrightDeny(InheritedPolicy inherited, String name) {
    for (Rule rule : inherited.rules()) {
      if (rule.matchesName(name)) {
        boolean unconditional = rule.source() == null && rule.versions() == null && rule.unless() == null
            && rule.capabilities() == null && rule.content() == null;
        return rule.action() == Action.DENY && unconditional ? rule : null;
      }
    }
    return null;
  }
}
