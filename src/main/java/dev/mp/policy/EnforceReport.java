package dev.mp.policy;

import java.util.List;

/**
 * The audit of a project against its policy ({@code mp policy enforce}). Immutable; lists sorted by
 * plugin name, requirements in rule order.
 *
 * @param policy the policy audited against
 * @param lockfile the lockfile's name as shown, or null when the project has none
 * @param pluginsLine the line of the {@code plugins} key in the lockfile, or 0 (where unlocked plugins
 *     are reported in SARIF)
 * @param installDir the install folder as shown
 * @param plugins every plugin found, locked or installed
 * @param unmet required patterns nothing satisfies
 */
public record EnforceReport(
    Policy policy,
    String lockfile,
    int pluginsLine,
    String installDir,
    List<AuditedPlugin> plugins,
    List<UnmetRequirement> unmet) {
  public EnforceReport {
    plugins = List.copyOf(plugins);
    unmet = List.copyOf(unmet);
  }

  /** Plugins that break the policy: denied, or installed without being locked. */
  public List<AuditedPlugin> violations() {
    return plugins.stream().filter(AuditedPlugin::isViolation).toList();
  }

  /** Plugins the policy allows, locked. */
  public List<AuditedPlugin> compliant() {
    return plugins.stream().filter(p -> !p.isViolation()).toList();
  }

  /** Locked plugins whose folder is missing: audited from the lockfile, reported as a note. */
  public List<AuditedPlugin> notInstalled() {
    return plugins.stream().filter(p -> p.presence() == AuditedPlugin.Presence.NOT_INSTALLED).toList();
  }

  /** True when there was no lockfile and nothing installed. */
  public boolean nothingToAudit() {
    return plugins.isEmpty();
  }

  /** True when nothing is wrong: no violation and every requirement met. */
  public boolean ok() {
    return violations().isEmpty() && unmet.isEmpty();
  }
}
