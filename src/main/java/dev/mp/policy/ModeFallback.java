package dev.mp.policy;

import dev.mp.config.PolicyMode;

/**
 * The decision when no rule matched: the policy mode of the plugin's registry (DESIGN.md §4). When
 * the registry is unknown (a plugin no lockfile accounts for) or not configured, there is no mode to
 * ask, and the plugin is denied: the policy cannot vouch for where it came from.
 *
 * @param registry the plugin's registry, or null when unknown
 * @param mode the registry's mode, or null when the registry is unknown or not configured
 */
public record ModeFallback(String registry, PolicyMode mode) {
  /** True only for an {@code open} registry. */
  public boolean allows() {
    return mode == PolicyMode.OPEN;
  }

  /** A stable identifier for reports: {@code mode-open}, {@code mode-enforce}, {@code mode-allow-listed}, {@code unknown-registry}. */
  public String id() {
    return mode == null ? "unknown-registry" : "mode-" + mode.wire();
  }

  /** Why this fallback decides as it does, for people; the registry and mode are shown beside it. */
  public String explain(String plugin) {
    if (mode == null) {
      return registry == null
          ? "no rule matched, and the plugin's registry is unknown"
          : "no rule matched, and registry `" + registry + "` is not configured";
    }
    switch (mode) {
      case OPEN:
        return "no rule matched";
      case ENFORCE:
        return "no rule matched, and an enforce registry needs a rule that allows the plugin";
      default:
        return "no rule matched; an allow rule must name `" + plugin + "` exactly or carry `source: " + registry + "`";
    }
  }

  /** {@code registry mode `allow-listed` of `public`}, or {@code no registry mode}. */
  public String label() {
    return mode == null ? "no registry mode" : "registry mode `" + mode.wire() + "` of `" + registry + "`";
  }
}
