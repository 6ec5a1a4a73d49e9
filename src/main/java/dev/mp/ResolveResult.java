package dev.mp;

import dev.mp.policy.Decision;
import dev.mp.resolve.Resolution;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@code mp resolve} reports: the resolution, and the policy's decision on every resolved plugin.
 *
 * @param resolution the resolved set, conflicts, warnings and (with explain) the trace, with policy
 *     decisions attached to the trace
 * @param decisions plugin name → the policy's decision, for every resolved plugin
 */
public record ResolveResult(Resolution resolution, SortedMap<String, Decision> decisions) {
  public ResolveResult {
    decisions = Collections.unmodifiableSortedMap(new TreeMap<>(decisions));
  }

  /** True when the policy allows every resolved plugin. */
  public boolean allAllowed() {
    for (Decision decision : decisions.values()) {
      if (!decision.allowed()) {
        return false;
      }
    }
    return true;
  }
}
